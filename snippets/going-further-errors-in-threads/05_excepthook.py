import threading

errors = []


def record(args):  # (1)!
    errors.append((args.thread.name, args.exc_value))


def parse(text):
    return int(text)


threading.excepthook = record  # (2)!

threads = [
    threading.Thread(target=parse, args=(text,), name=f"parse-{text}")
    for text in ["1", "two", "3", "four"]
]
for t in threads:
    t.start()
for t in threads:
    t.join()

for name, error in sorted(errors):  # (3)!
    print(f"{name} failed: {type(error).__name__}: {error}")
print(f"{len(errors)} of {len(threads)} threads failed")  # (4)!
