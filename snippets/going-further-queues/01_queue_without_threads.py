import queue

q = queue.Queue(maxsize=2)  # (1)!
q.put("first")
q.put("second")
try:
    q.put_nowait("third")  # (2)!
except queue.Full:
    print("Full: maxsize is 2")

print(q.get(), q.get())  # (3)!
try:
    q.get_nowait()
except queue.Empty:
    print("Empty: nothing left")

stack = queue.LifoQueue()
for item in ["first", "second"]:
    stack.put(item)
print(stack.get(), stack.get())  # (4)!

by_priority = queue.PriorityQueue()
for item in [(2, "write the report"), (1, "fix the bug"), (3, "lunch")]:
    by_priority.put(item)
print(by_priority.get()[1])  # (5)!
