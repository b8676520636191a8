import threading

plain = threading.Semaphore(1)
plain.release()  # (1)!
print("Semaphore released one time too many: no error")

bounded = threading.BoundedSemaphore(1)
try:
    bounded.release()  # (2)!
except ValueError as error:
    print(f"BoundedSemaphore: ValueError: {error}")
