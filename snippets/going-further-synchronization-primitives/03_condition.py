import threading

items = []
changed = threading.Condition()  # (1)!


def consumer():
    with changed:
        changed.wait_for(lambda: len(items) == 3)  # (2)!
        print(f"Consumer: got all three: {items}")


t = threading.Thread(target=consumer)
t.start()

for item in ["a", "b", "c"]:
    with changed:
        items.append(item)
        print(f"Main: added {item!r}")
        changed.notify()  # (3)!

t.join()
print("Main: done")
