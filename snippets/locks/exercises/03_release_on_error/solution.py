import threading

lock = threading.Lock()
log = []


def record(entry):
    with lock:  # released when the block ends, even by an exception
        if not entry:
            raise ValueError("empty entry")
        log.append(entry)


for entry in ["start", "", "end"]:
    try:
        record(entry)
    except ValueError as error:
        print(f"skipped: {error}")
print(log)
