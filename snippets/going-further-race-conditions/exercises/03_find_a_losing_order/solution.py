# Two tellers, A and B, each deposit 50 into a balance of 100. Each one
# reads the balance, then writes what it read plus 50. Put the four steps
# in an order that threads could run them in and that loses a deposit.
ORDER = ["A reads", "B reads", "A writes", "B writes"]

balance = 100
seen = {}
for step in ORDER:
    teller, action = step.split()
    if action == "reads":
        seen[teller] = balance
    else:
        balance = seen[teller] + 50
print(f"Final balance: {balance} (both deposits: 200)")
