import sys
import threading

failed = []


def record(exc_type, exc_value, exc_traceback):
    failed.append(str(exc_value))


def parse(text):
    return int(text)


sys.excepthook = record
threads = [
    threading.Thread(target=parse, args=(text,), name=f"parse-{text}")
    for text in ["1", "two", "3", "four"]
]
for t in threads:
    t.start()
for t in threads:
    t.join()
for name in sorted(failed):
    print(f"{name} failed")
print("done")
