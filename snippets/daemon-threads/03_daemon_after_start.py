import threading

go = threading.Event()
t = threading.Thread(target=go.wait)  # waits until the event is set
t.start()

try:
    t.daemon = True  # (1)!
except RuntimeError as error:
    print(f"RuntimeError: {error}")
finally:
    go.set()
    t.join()

print(f"t.daemon is still {t.daemon}")
