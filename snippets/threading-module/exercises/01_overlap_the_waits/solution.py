import threading
import time

NAMES = ["a.txt", "b.txt", "c.txt"]
pages = {}


def download(name):
    time.sleep(1)  # waiting for the network
    pages[name] = f"contents of {name}"


threads = [threading.Thread(target=download, args=(name,)) for name in NAMES]
for t in threads:
    t.start()
for t in threads:
    t.join()
for name in NAMES:
    print(pages[name])
