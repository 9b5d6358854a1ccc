"""Autograder for the Keras lab course: extract, sandbox, run, judge, report."""

__version__ = "0.1.0"
