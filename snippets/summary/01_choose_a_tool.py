def choose(spends_time, free_threaded=False):
    """Suggest a tool for a program, from where it spends its time."""
    if spends_time == "waiting":  # (1)!
        return "threads (ThreadPoolExecutor) or asyncio"
    if spends_time == "C code that releases the GIL":  # (2)!
        return "threads"
    if free_threaded:  # (3)!
        return "threads"
    return "processes (ProcessPoolExecutor)"


programs = [
    ("downloading 100 files", "waiting", False),
    ("hashing large files", "C code that releases the GIL", False),
    ("Python loops, usual build", "Python code", False),
    ("Python loops, python3.14t", "Python code", True),
]
for program, spends_time, free_threaded in programs:
    print(f"{program:<26} -> {choose(spends_time, free_threaded)}")
