import threading


def parse(text):
    return int(text)


threads = [
    threading.Thread(target=parse, args=(text,), name=f"parse-{text}")
    for text in ["1", "two", "3", "four"]
]
for t in threads:
    t.start()
for t in threads:
    try:
        t.join()
    except ValueError:
        print(f"{t.name} failed")
print("done")
