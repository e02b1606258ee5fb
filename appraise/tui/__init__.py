"""The Textual front end over an Appraisal.

Only this package imports textual: the headless core never does. `make_app` (in `app.py`) builds
the App for the command line, the Pilot tests and the snapshot tests alike.
"""
