"""Errors meant for the person at the keyboard: one line saying what is wrong and what to do."""


class UserError(Exception):
    """A problem with the input (lab name, folder, file) that stops a command."""
