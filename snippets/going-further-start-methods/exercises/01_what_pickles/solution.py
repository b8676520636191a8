import math
import pickle


def make_adder(k):
    def add(n):
        return n + k

    return add


# What a process pool must pickle to send a task to a worker process.
candidates = [
    ("len", len),
    ("math.sqrt", math.sqrt),
    ("[1, 2, 3]", [1, 2, 3]),
    ("a lambda", lambda n: n * n),
    ("a nested function", make_adder(1)),
    ("a generator", (n for n in range(3))),
]
for name, value in candidates:
    try:
        pickle.dumps(value)
    except (pickle.PicklingError, AttributeError, TypeError):
        print(f"{name}: no")
    else:
        print(f"{name}: yes")

# Functions pickle by their module and name, so only those a fresh
# interpreter could import by name; a generator's state cannot be pickled.
PREDICTION = """\
len: yes
math.sqrt: yes
[1, 2, 3]: yes
a lambda: no
a nested function: no
a generator: no
"""
