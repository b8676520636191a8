import queue
import threading
import time

STOP = None  # (1)!
tasks = queue.Queue()


def producer():
    for n in range(1, 6):
        time.sleep(0.01)  # preparing the item takes a moment
        tasks.put(n)
    tasks.put(STOP)  # (2)!


def consumer():
    while True:
        item = tasks.get()  # (3)!
        if item is STOP:
            print("Consumer: got the sentinel, stopping")
            return
        print(f"Consumer: {item} squared is {item * item}")


threads = [threading.Thread(target=producer), threading.Thread(target=consumer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("All done")
