"""Policy inference per lane-step: PyTorch's batched forward pass of metarl's two benchmark networks.

The networks of metarl's `policy.*` figures (benchmarks/BENCHMARKS.md), float32, one thread:

* lstm48: RL²'s network on the dependent bandit: 5 inputs (observation, one-hot previous action,
  previous reward, done flag) -> LSTM(48) -> policy head (2 logits) and value head (1); one time step
  for all lanes per call, the recurrent state carried from call to call (nn.LSTM, as when acting);
* mlp64x64: A2C's network on CartPole: 4 observations -> two tanh torsos 64-64, one per head ->
  2 logits and 1 value (9,155 parameters, like metarl's).

For each network and lane count two figures, in lane-steps/s and microseconds per lane-step:
`forward` (the network alone, under torch.inference_mode()) and `act` (forward + softmax + one sampled
action per lane, what metarl's `Policy.act` does). One JSON line on standard output.
"""

import common  # first: OpenBLAS and one thread
import torch
import torch.nn as nn


class Lstm48(nn.Module):
    def __init__(self, inputs=5, units=48, actions=2):
        super().__init__()
        self.lstm = nn.LSTM(inputs, units)
        self.policy = nn.Linear(units, actions)
        self.value = nn.Linear(units, 1)

    def forward(self, x, state):
        out, state = self.lstm(x.unsqueeze(0), state)
        return self.policy(out[0]), self.value(out[0]), state


class Mlp64x64(nn.Module):
    def __init__(self, obs=4, actions=2, hidden=64):
        super().__init__()
        self.actor = nn.Sequential(nn.Linear(obs, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh(),
                                   nn.Linear(hidden, actions))
        self.critic = nn.Sequential(nn.Linear(obs, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh(),
                                    nn.Linear(hidden, 1))

    def forward(self, x):
        return self.actor(x), self.critic(x)


def lstm_chunk(lanes, calls, sample):
    net = Lstm48()
    g = torch.Generator().manual_seed(7)
    x = torch.rand(lanes, 5, generator=g) * 2 - 1
    state = [(torch.zeros(1, lanes, 48), torch.zeros(1, lanes, 48))]

    def chunk():
        with torch.inference_mode():
            s = state[0]
            for _ in range(calls):
                logits, value, s = net(x, s)
                if sample:
                    torch.multinomial(torch.softmax(logits, -1), 1)
            state[0] = s
        return calls * lanes

    return net, chunk


def mlp_chunk(lanes, calls, sample):
    net = Mlp64x64()
    g = torch.Generator().manual_seed(6)
    x = torch.rand(lanes, 4, generator=g) * 2 - 1

    def chunk():
        with torch.inference_mode():
            for _ in range(calls):
                logits, value = net(x)
                if sample:
                    torch.multinomial(torch.softmax(logits, -1), 1)
        return calls * lanes

    return net, chunk


def main():
    p = common.parser(__doc__.splitlines()[0])
    p.add_argument("--lanes", default="256", help="comma-separated lane counts")
    args = common.settings(p.parse_args())
    record = common.header("policy-inference", args)
    record.update({"dtype": "float32", "unit": "lane-steps/s"})
    results = []
    for name, make in (("lstm48", lstm_chunk), ("mlp64x64", mlp_chunk)):
        for lanes in [int(x) for x in args.lanes.split(",")]:
            calls = max(1, 4096 // lanes)
            for kind, sample in (("forward", False), ("act", True)):
                net, chunk = make(lanes, calls, sample)
                params = sum(t.numel() for t in net.parameters())
                m = common.measure(chunk, args)
                m.update({"net": name, "lanes": lanes, "kind": kind, "parameters": params,
                          "lane_steps_per_s": m["median"], "us_per_lane_step": 1e6 / m["median"]})
                results.append(m)
                common.log(f"pytorch policy {name} lanes {lanes} {kind}: {m['median']:,.0f} lane-steps/s "
                           f"({1e6 / m['median']:.3f} us per lane-step)")
    record["results"] = results
    common.emit(record)


if __name__ == "__main__":
    main()
