import queue
import threading

DONE = object()
jobs = queue.Queue()


def consumer():
    while True:
        item = jobs.get()
        if item is DONE:
            return
        print(f"processed {item}")


worker = threading.Thread(target=consumer)
worker.start()
for item in range(3):
    jobs.put(item)
jobs.put(DONE)
worker.join()
print("all processed")
