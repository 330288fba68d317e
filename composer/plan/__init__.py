"""The month's plan: importing it from a spreadsheet, exporting it, and what it holds.

No Qt here: the window (ui/plan_import.py) and the command line (cli_plan.py) both call
these modules and only show what they return.
"""
