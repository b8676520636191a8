import dis

counter = 0


def increment():
    global counter
    counter += 1


names = [instruction.opname for instruction in dis.get_instructions(increment)]
read = names.index("LOAD_GLOBAL")  # (1)!
write = names.index("STORE_GLOBAL")
print(f"Read:  {names[read]} counter")
print(f"Add:   {write - read - 1} instructions")  # (2)!
print(f"Write: {names[write]} counter")
