import threading

counter = 0


def increment():
    global counter
    counter += 1
    print(f"In the new thread:      counter = {counter}")


t = threading.Thread(target=increment)
t.start()
t.join()
print(f"In the main thread:     counter = {counter}")  # (1)!
