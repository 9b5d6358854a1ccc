"""Naming the mistake: recognise a lab's classic misconceptions (its mutants) in a student's answers."""
