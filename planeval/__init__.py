"""planeval: monitoring and mid-term evaluation of five-year plans."""
