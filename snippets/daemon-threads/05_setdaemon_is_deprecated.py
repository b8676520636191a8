import threading
import warnings

t = threading.Thread(target=print)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")  # record the warning instead of hiding it
    t.setDaemon(True)  # the old spelling: still works, but warns

for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")
print(f"t.daemon = {t.daemon}")
