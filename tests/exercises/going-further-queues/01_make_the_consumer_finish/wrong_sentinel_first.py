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
jobs.put(DONE)
for item in range(3):
    jobs.put(item)
worker.join()
print("all processed")
