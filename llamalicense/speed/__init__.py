"""Measured speed-ups kept behind one place, out of the code people read most."""
