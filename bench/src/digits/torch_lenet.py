#!/usr/bin/env python3
"""pnpm bench digits, PyTorch side: LeNet-5 as createDigitNet builds it (conv 5x5x6 'same', ReLU,
max-pool 2, conv 5x5x16, ReLU, max-pool 2, dense 400-120-84-10 with ReLUs), trained with Adam on
the bundled MNIST training images in file order, batch and learning rate from bench/configs/digits.json;
then evaluated on the test images. Prints one JSON line.

Usage: torch_lenet.py CONFIG.json THREADS DATA_DIR [--smoke]
"""
import gzip, json, struct, sys, time

config_path, threads, data_dir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
smoke = '--smoke' in sys.argv
config = json.load(open(config_path))
run = config['smoke' if smoke else 'full']
try:
    import numpy as np
    import torch
    from torch import nn
except Exception as error:  # noqa: BLE001
    print(json.dumps({'implementation': f'torch-{threads}t', 'unavailable': f'cannot import torch ({error})'}))
    sys.exit(0)

torch.set_num_threads(threads)
torch.manual_seed(1)


def idx(path, magic):
    raw = gzip.open(path).read()
    got, = struct.unpack('>I', raw[:4])
    assert got == magic, (path, got)
    dims = struct.unpack('>' + 'I' * (magic & 0xff), raw[4:4 + 4 * (magic & 0xff)])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * len(dims)).reshape(dims)


train_x = idx(f'{data_dir}/train-images-idx3-ubyte.gz', 2051)
train_y = idx(f'{data_dir}/train-labels-idx1-ubyte.gz', 2049)
test_x = idx(f'{data_dir}/t10k-images-idx3-ubyte.gz', 2051)

net = nn.Sequential(
    nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(),
    nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10),
)
optimizer = torch.optim.Adam(net.parameters(), lr=config['learningRate'])
loss_fn = nn.CrossEntropyLoss()
B = config['batchSize']


def batch(i):
    # Like our dataset: the pixels of each batch converted from bytes to [0, 1] floats, per step.
    lo = (i * B) % (len(train_x) - B)
    x = torch.from_numpy(train_x[lo:lo + B].astype(np.float32) / 255).unsqueeze(1)  # [B, 1, 28, 28]
    y = torch.from_numpy(train_y[lo:lo + B].astype(np.int64))
    return x, y


def step(i):
    x, y = batch(i)
    optimizer.zero_grad()
    loss = loss_fn(net(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()


for i in range(run['warmupSteps']):
    step(i)
t0 = time.perf_counter()
for i in range(run['timedSteps']):
    step(run['warmupSteps'] + i)
train_seconds = time.perf_counter() - t0

n = run['evalImages']
rounds = []
with torch.no_grad():
    for _ in range(run['evalRounds']):
        t0 = time.perf_counter()
        for lo in range(0, n, config['evalBatch']):
            x = torch.from_numpy(test_x[lo:min(n, lo + config['evalBatch'])].astype(np.float32) / 255).unsqueeze(1)
            torch.softmax(net(x), dim=1).numpy()
        rounds.append(time.perf_counter() - t0)
rounds.sort()
print(json.dumps({
    'implementation': f'torch-{threads}t',
    'detail': f'PyTorch {torch.__version__}, {threads} thread(s)',
    'stepsPerSecond': run['timedSteps'] / train_seconds,
    'evalImagesPerSecond': n / rounds[len(rounds) // 2],
}))
