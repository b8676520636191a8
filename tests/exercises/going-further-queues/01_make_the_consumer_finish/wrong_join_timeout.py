import queue
import threading

jobs = queue.Queue()


def consumer():
    while True:
        item = jobs.get()
        print(f"processed {item}")


worker = threading.Thread(target=consumer)
worker.start()
for item in range(3):
    jobs.put(item)
worker.join(timeout=0.1)
print("all processed")
