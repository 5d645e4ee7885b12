"""The command line: arguments, rendering, exit codes. Only this package prints or exits."""
