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
worker.join()
print("all processed")
