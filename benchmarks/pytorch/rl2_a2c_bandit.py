"""RL² A2C on the 2-armed dependent bandit: a compact CleanRL-style PyTorch reference trainer.

The workload of metarl's `train.rl2-bandit.*` figures (benchmarks/.../ThroughputSuite.java, Workloads.rl2Bandit):

* tasks: p_1 in {0.25, 0.75} with equal probability, p_2 = 1 - p_1 (bandit-dependent, difficulty medium),
  100 pulls per episode, one episode per trial (a new task at every episode), observation = [1.0];
* network input (5): observation, one-hot previous action (2), previous reward, previous done flag,
  all zero at a trial's first step; an LSTM(48) shared by a policy head (2 logits) and a value head (1);
  the LSTM state is zeroed when a lane starts a trial; float32;
* A2C: rollouts of 10 steps per lane, GAE (gamma 0.99, lambda 0.95; a trial's end is terminal), loss
  = policy gradient + 0.5 value MSE - 0.05 entropy, truncated BPTT over the rollout from the state the
  rollout started with (detached), RMSProp (lr 5e-5, alpha 0.99, eps 1e-5), gradient norm clipped at 0.5.

Acting runs under torch.no_grad() one step at a time; the update replays the rollout through nn.LSTM in
one call per stretch without a trial start (in this workload the trials line up with the rollouts, so
one call), which is as fast as PyTorch's CPU LSTM gets. The environments are torch tensors too (no
numpy round trip per step). Reported: environment steps per second (lanes x steps, acting and learning)
for each lane count, on one thread. One JSON line on standard output.
"""

import common  # first: OpenBLAS and one thread
import torch
import torch.nn as nn


class DependentBandits:
    """`lanes` 2-armed dependent bandits, vectorised; a new task at every episode (1 episode per trial)."""

    def __init__(self, lanes, generator, horizon=100, q=0.25):
        self.lanes, self.g, self.horizon, self.q = lanes, generator, horizon, q
        self.p = torch.empty(lanes, 2)
        self.t = torch.zeros(lanes, dtype=torch.long)
        self.new_tasks(torch.ones(lanes, dtype=torch.bool))

    def new_tasks(self, mask):
        p1 = torch.where(torch.rand(self.lanes, generator=self.g) < 0.5, self.q, 1.0 - self.q)
        self.p[:, 0] = torch.where(mask, p1, self.p[:, 0])
        self.p[:, 1] = 1.0 - self.p[:, 0]

    def step(self, actions):
        prob = self.p.gather(1, actions.unsqueeze(1)).squeeze(1)
        reward = (torch.rand(self.lanes, generator=self.g) < prob).float()
        self.t += 1
        done = self.t >= self.horizon
        if bool(done.any()):
            self.t[done] = 0
            self.new_tasks(done)
        return reward, done


class Rl2Agent(nn.Module):
    def __init__(self, inputs=5, units=48, actions=2):
        super().__init__()
        self.lstm = nn.LSTM(inputs, units)
        self.policy = nn.Linear(units, actions)
        self.value = nn.Linear(units, 1)
        for name, p in self.lstm.named_parameters():
            if "bias" in name:
                nn.init.zeros_(p)
            else:
                nn.init.orthogonal_(p, 1.0)
        nn.init.orthogonal_(self.policy.weight, 0.01)
        nn.init.zeros_(self.policy.bias)
        nn.init.orthogonal_(self.value.weight, 1.0)
        nn.init.zeros_(self.value.bias)

    def heads(self, out):
        return self.policy(out), self.value(out).squeeze(-1)


class Trainer:
    def __init__(self, lanes, rollout, seed, optimizer="rmsprop", lr=5e-5, gamma=0.99, lam=0.95,
                 value_coef=0.5, entropy_coef=0.05, max_grad_norm=0.5):
        torch.manual_seed(seed)
        self.lanes, self.rollout = lanes, rollout
        self.g = torch.Generator().manual_seed(seed + 1)
        self.env = DependentBandits(lanes, self.g)
        self.agent = Rl2Agent()
        if optimizer == "adam":
            self.opt = torch.optim.Adam(self.agent.parameters(), lr=lr)
        else:
            self.opt = torch.optim.RMSprop(self.agent.parameters(), lr=lr, alpha=0.99, eps=1e-5)
        self.gamma, self.lam = gamma, lam
        self.value_coef, self.entropy_coef, self.max_grad_norm = value_coef, entropy_coef, max_grad_norm
        units = self.agent.lstm.hidden_size
        self.h = torch.zeros(1, lanes, units)
        self.c = torch.zeros(1, lanes, units)
        # meta inputs of the next step: obs, one-hot previous action, previous reward, previous done
        self.x = torch.zeros(lanes, 5)
        self.x[:, 0] = 1.0
        self.start = torch.ones(lanes, dtype=torch.bool)  # the next step starts a trial
        self.xs = torch.zeros(rollout, lanes, 5)
        self.starts = torch.zeros(rollout, lanes, dtype=torch.bool)
        self.actions = torch.zeros(rollout, lanes, dtype=torch.long)
        self.rewards = torch.zeros(rollout, lanes)
        self.dones = torch.zeros(rollout, lanes)
        self.values = torch.zeros(rollout, lanes)

    def update(self):
        T = self.rollout
        agent = self.agent
        with torch.no_grad():
            keep = (~self.start).float().view(1, -1, 1)
            h0, c0 = self.h * keep, self.c * keep  # the state the rollout starts from
            h, c = h0, c0
            for t in range(T):
                if t > 0:
                    keep = (~self.start).float().view(1, -1, 1)
                    h, c = h * keep, c * keep
                self.xs[t] = self.x
                self.starts[t] = self.start
                out, (h, c) = agent.lstm(self.x.unsqueeze(0), (h, c))
                logits, value = agent.heads(out[0])
                action = torch.multinomial(torch.softmax(logits, -1), 1).squeeze(1)
                reward, done = self.env.step(action)
                self.actions[t], self.rewards[t], self.dones[t], self.values[t] = action, reward, done.float(), value
                # the next step's meta inputs (zero where a trial starts)
                nxt = torch.zeros(self.lanes, 5)
                nxt[:, 0] = 1.0
                nxt[torch.arange(self.lanes), 1 + action] = 1.0
                nxt[:, 3] = reward
                nxt[:, 4] = done.float()
                nxt[done, 1:] = 0.0
                self.x = nxt
                self.start = done
            self.h, self.c = h, c
            # bootstrap: the value of the next input from the current state
            keep = (~self.start).float().view(1, -1, 1)
            out, _ = agent.lstm(self.x.unsqueeze(0), (h * keep, c * keep))
            next_value = agent.value(out[0]).squeeze(-1)
            advantages = torch.zeros(T, self.lanes)
            last = torch.zeros(self.lanes)
            for t in reversed(range(T)):
                nv = next_value if t == T - 1 else self.values[t + 1]
                nonterminal = 1.0 - self.dones[t]
                delta = self.rewards[t] + self.gamma * nv * nonterminal - self.values[t]
                last = delta + self.gamma * self.lam * nonterminal * last
                advantages[t] = last
            returns = advantages + self.values

        # replay the rollout with gradients (truncated BPTT from the detached start state); split only
        # where a lane starts a trial after the first step
        cuts = [t for t in range(1, T) if bool(self.starts[t].any())]
        outs = []
        h, c = h0, c0
        begin = 0
        for end in cuts + [T]:
            if begin > 0:
                keep = (~self.starts[begin]).float().view(1, -1, 1)
                h, c = h * keep, c * keep
            out, (h, c) = agent.lstm(self.xs[begin:end], (h, c))
            outs.append(out)
            begin = end
        out = outs[0] if len(outs) == 1 else torch.cat(outs, 0)
        logits, values = agent.heads(out)
        logp_all = torch.log_softmax(logits, -1)
        logp = logp_all.gather(-1, self.actions.unsqueeze(-1)).squeeze(-1)
        entropy = -(logp_all.exp() * logp_all).sum(-1)
        loss = (-(logp * advantages).mean() + self.value_coef * ((values - returns) ** 2).mean()
                - self.entropy_coef * entropy.mean())
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(agent.parameters(), self.max_grad_norm)
        self.opt.step()
        return T * self.lanes


def main():
    p = common.parser(__doc__.splitlines()[0])
    p.add_argument("--lanes", default="16,64,256", help="comma-separated lane counts")
    p.add_argument("--rollout", type=int, default=10)
    p.add_argument("--learn", type=int, default=0, metavar="ENV_STEPS",
                   help="instead of timing: train this many env-steps at the first lane count with the quick "
                        "start's settings (examples/rl2-quickstart.conf: Adam 1e-3, gamma 0.9, lambda 1, value "
                        "coefficient 0.05, clipping 1.0) and print the mean episode return of the last 1000 episodes")
    args = common.settings(p.parse_args())
    if args.learn > 0:
        learn(int(args.lanes.split(",")[0]), args)
        return
    record = common.header("rl2-a2c-bandit", args)
    record.update({"rollout": args.rollout, "lstm": 48, "dtype": "float32", "unit": "env-steps/s"})
    results = []
    for lanes in [int(x) for x in args.lanes.split(",")]:
        trainer = Trainer(lanes, args.rollout, args.seed)
        m = common.measure(trainer.update, args)
        m.update({"lanes": lanes, "env_steps_per_s": m["median"]})
        results.append(m)
        common.log(f"pytorch rl2-a2c-bandit lanes {lanes}: {m['median']:,.0f} env-steps/s "
                   f"(spread {(m['max'] - m['min']) / m['median']:.0%})")
    record["results"] = results
    common.emit(record)


def learn(lanes, args):
    """A check that this is a real trainer: the quick start's recipe, the mean return per 100-pull episode."""
    tr = Trainer(lanes, args.rollout, args.seed, optimizer="adam", lr=1e-3, gamma=0.9, lam=1.0, value_coef=0.05,
                 entropy_coef=0.05, max_grad_norm=1.0)
    returns, running = [], torch.zeros(lanes)
    steps = 0
    while steps < args.learn:
        steps += tr.update()
        running += tr.rewards.sum(0)
        ended = tr.dones.sum(0) > 0  # episodes end at rollout boundaries here (100 = 10 x 10)
        returns.extend(running[ended].tolist())
        running[ended] = 0
        if len(returns) and steps % (lanes * args.rollout * 500) == 0:
            common.log(f"{steps} env-steps: mean return of the last 1000 episodes {sum(returns[-1000:]) / len(returns[-1000:]):.2f}")
    common.emit({"workload": "rl2-a2c-bandit-learn", "lanes": lanes, "env_steps": steps,
                 "mean_return_last_1000": sum(returns[-1000:]) / len(returns[-1000:])})


if __name__ == "__main__":
    main()
