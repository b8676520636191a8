import threading

failed = []


def record(args):
    failed.append(args.thread.name)


def parse(text):
    return int(text)


threads = [
    threading.Thread(target=parse, args=(text,), name=f"parse-{text}")
    for text in ["1", "two", "3", "four"]
]
for t in threads:
    t.start()
threading.excepthook = record
for t in threads:
    t.join()
for name in sorted(failed):
    print(f"{name} failed")
print("done")
