"""Demo seed data: JSON transcriptions of the five work plans in /work/shared/seeds (read as package data)."""
