import threading


def report():
    me = threading.current_thread()
    print(f"{me.name}: daemon={me.daemon}")


def parent():
    report()
    child = threading.Thread(target=report, name="child")  # (1)!
    child.start()
    child.join()


for flag in (False, True):
    name = "daemon-parent" if flag else "normal-parent"
    t = threading.Thread(target=parent, name=name, daemon=flag)
    t.start()
    t.join()
