"""Learning-management-system exports: who submitted what and when (file-name layouts), the
class roster, late-work penalties, and the grade file an LMS imports back."""
