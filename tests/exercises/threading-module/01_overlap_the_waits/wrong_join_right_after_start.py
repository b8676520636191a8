import threading
import time

NAMES = ["a.txt", "b.txt", "c.txt"]
pages = {}


def download(name):
    time.sleep(1)  # waiting for the network
    pages[name] = f"contents of {name}"


for name in NAMES:
    t = threading.Thread(target=download, args=(name,))
    t.start()
    t.join()
for name in NAMES:
    print(pages[name])
