"""Business rules of planeval in pure Python.

Nothing in this package may import Django (a test enforces it): targets,
progress judgement, forecasting, workflow states and report frameworks are
plain functions over plain values, testable by the table without a database.
"""
