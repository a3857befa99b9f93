-- One URL (given on the command line); only the report is added.
dofile(os.getenv("REPORT_LUA"))
