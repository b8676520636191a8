"""The simulation that is running now (one at a time), shared by the stand-ins."""

sim = None  # the running threadsim._sched.Simulation
filename = "<example>"  # the example's file name (tracebacks are trimmed to it)
modules: dict = {}  # the stand-in modules installed for this run
