import SGDCommandLine

SGDReportCommand.main()
