"""Naming the mistake: recognise a lab's classic misconceptions (its mutants) in a student's answers."""

import os

SWITCH = "AUTOGRADER_DIAGNOSE"  # "off": grade without naming mistakes, nor logging answers (to measure what it costs)


def diagnosis_on() -> bool:
    return os.environ.get(SWITCH) != "off"
