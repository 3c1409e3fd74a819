// Preloaded into the test's child processes: a timer that keeps the event loop busy while the
// modules load. Without it, a child whose only remaining work is a module being resolved by the
// loader's off-thread hooks can find its loop empty and exit with code 13 (unsettled top-level
// await) before it has registered its IPC listener. The children end with process.exit.
setInterval(() => {}, 1 << 30)
