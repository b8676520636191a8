import time

NAMES = ["a.txt", "b.txt", "c.txt"]
pages = {}


def download(name):
    time.sleep(1)  # waiting for the network
    pages[name] = f"contents of {name}"


for name in NAMES:
    download(name)
for name in NAMES:
    print(pages[name])
