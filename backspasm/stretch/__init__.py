"""Guided stretch routines: the plan of each stretch, the routine loop, the words, the record."""
