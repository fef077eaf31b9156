#if canImport(Glibc)
import Glibc
#endif
import SGDCommandLine

// A write past a file-size limit (`ulimit -f`) should fail with EFBIG and a message, like a
// full disk, rather than kill the process halfway through a build.
signal(SIGXFSZ, SIG_IGN)
SGDReportCommand.main()
