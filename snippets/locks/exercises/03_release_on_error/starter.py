import threading

lock = threading.Lock()
log = []


def record(entry):
    lock.acquire()
    if not entry:
        raise ValueError("empty entry")
    log.append(entry)
    lock.release()


for entry in ["start", "", "end"]:
    try:
        record(entry)
    except ValueError as error:
        print(f"skipped: {error}")
print(log)
