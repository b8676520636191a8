import threading

data = threading.local()  # (1)!
data.user = "main"
seen = {}
all_set = threading.Barrier(3)


def handle(user):
    data.user = user  # (2)!
    all_set.wait()  # every thread has set its own value by now
    seen[threading.current_thread().name] = data.user


threads = [
    threading.Thread(target=handle, args=(user,), name=f"thread-{user}")
    for user in ["ann", "bo", "cy"]
]
for t in threads:
    t.start()
for t in threads:
    t.join()

for name, user in sorted(seen.items()):
    print(f"{name} saw user={user}")
print(f"main thread still sees user={data.user}")  # (3)!
