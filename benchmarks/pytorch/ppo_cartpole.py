"""PPO on CartPole-v1: a compact CleanRL-style PyTorch reference trainer (cleanrl/ppo.py's recipe).

* environment: CartPole-v1 in numpy, vectorised over 8 lanes (Gymnasium's equations, Euler integration,
  termination at |x| > 2.4 or |theta| > 12 degrees, truncation at 500 steps, autoreset as
  gymnasium.vector does: the observation after an episode's end is the next episode's first);
* network: separate actor and critic MLPs, 4 -> 64 -> 64 -> (2 logits | 1 value), tanh, float32;
* PPO: 8 lanes x 256 steps = 2,048 samples per update, GAE (gamma 0.99, lambda 0.95), 10 epochs of
  4 minibatches (512 samples), clip 0.2 (value loss clipped too), advantages normalised per minibatch,
  entropy 0.01, value coefficient 0.5, Adam (lr 2.5e-4, eps 1e-5, annealed linearly), gradient norm 0.5.

Acting converts the observations to a tensor and the actions back to numpy at every step, as CleanRL
does. Reported: environment steps per second (acting and learning) on one thread. One JSON line on
standard output. metarl has no PPO agent yet: `metarl bench` prints this figure without a ratio.
"""

import numpy as np

import common  # first: OpenBLAS and one thread
import torch
import torch.nn as nn


class CartPoleVec:
    """CartPole-v1 for `n` lanes (Gymnasium's classic_control/cartpole.py, euler), with autoreset."""

    gravity, masscart, masspole, length, force_mag, tau = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
    total_mass = masspole + masscart
    polemass_length = masspole * length
    theta_limit = 12 * 2 * np.pi / 360
    x_limit = 2.4
    max_steps = 500

    def __init__(self, n, seed):
        self.n = n
        self.rng = np.random.default_rng(seed)
        self.state = self.rng.uniform(-0.05, 0.05, size=(n, 4))
        self.steps = np.zeros(n, dtype=np.int64)

    def obs(self):
        return self.state.astype(np.float32)

    def step(self, action):
        x, x_dot, theta, theta_dot = self.state.T
        force = np.where(action == 1, self.force_mag, -self.force_mag)
        cos, sin = np.cos(theta), np.sin(theta)
        temp = (force + self.polemass_length * theta_dot ** 2 * sin) / self.total_mass
        theta_acc = (self.gravity * sin - cos * temp) / (
            self.length * (4.0 / 3.0 - self.masspole * cos ** 2 / self.total_mass))
        x_acc = temp - self.polemass_length * theta_acc * cos / self.total_mass
        x = x + self.tau * x_dot
        x_dot = x_dot + self.tau * x_acc
        theta = theta + self.tau * theta_dot
        theta_dot = theta_dot + self.tau * theta_acc
        self.state = np.stack([x, x_dot, theta, theta_dot], axis=1)
        self.steps += 1
        terminated = (x < -self.x_limit) | (x > self.x_limit) | (theta < -self.theta_limit) | (theta > self.theta_limit)
        truncated = self.steps >= self.max_steps
        done = terminated | truncated
        reward = np.ones(self.n, dtype=np.float32)
        if done.any():
            k = int(done.sum())
            self.state[done] = self.rng.uniform(-0.05, 0.05, size=(k, 4))
            self.steps[done] = 0
        return self.obs(), reward, terminated, truncated


def layer(i, o, std=np.sqrt(2)):
    lin = nn.Linear(i, o)
    nn.init.orthogonal_(lin.weight, std)
    nn.init.zeros_(lin.bias)
    return lin


class Agent(nn.Module):
    def __init__(self, obs=4, actions=2):
        super().__init__()
        self.critic = nn.Sequential(layer(obs, 64), nn.Tanh(), layer(64, 64), nn.Tanh(), layer(64, 1, 1.0))
        self.actor = nn.Sequential(layer(obs, 64), nn.Tanh(), layer(64, 64), nn.Tanh(), layer(64, actions, 0.01))

    def value(self, x):
        return self.critic(x).squeeze(-1)

    def act(self, x, action=None):
        dist = torch.distributions.Categorical(logits=self.actor(x))
        if action is None:
            action = dist.sample()
        return action, dist.log_prob(action), dist.entropy(), self.value(x)


class Ppo:
    def __init__(self, lanes=8, steps=256, epochs=10, minibatches=4, seed=1, total_updates=1000):
        torch.manual_seed(seed)
        self.lanes, self.steps, self.epochs, self.minibatches = lanes, steps, epochs, minibatches
        self.env = CartPoleVec(lanes, seed)
        self.agent = Agent()
        self.lr = 2.5e-4
        self.opt = torch.optim.Adam(self.agent.parameters(), lr=self.lr, eps=1e-5)
        self.total_updates, self.updates = total_updates, 0
        self.obs = torch.zeros(steps, lanes, 4)
        self.actions = torch.zeros(steps, lanes)
        self.logprobs = torch.zeros(steps, lanes)
        self.rewards = torch.zeros(steps, lanes)
        self.dones = torch.zeros(steps, lanes)
        self.values = torch.zeros(steps, lanes)
        self.next_obs = torch.tensor(self.env.obs())
        self.next_done = torch.zeros(lanes)
        self.episode_return = np.zeros(lanes)
        self.returns_seen = []

    def update(self):
        # anneal the learning rate over total_updates (then hold the last value)
        frac = max(0.0, 1.0 - self.updates / self.total_updates)
        self.opt.param_groups[0]["lr"] = frac * self.lr
        self.updates += 1
        for t in range(self.steps):
            self.obs[t] = self.next_obs
            self.dones[t] = self.next_done
            with torch.no_grad():
                action, logprob, _, value = self.agent.act(self.next_obs)
            self.values[t] = value
            self.actions[t] = action
            self.logprobs[t] = logprob
            obs, reward, term, trunc = self.env.step(action.numpy())
            done = term | trunc
            self.episode_return += reward
            if done.any():
                self.returns_seen.extend(self.episode_return[done].tolist())
                self.episode_return[done] = 0
            self.rewards[t] = torch.from_numpy(reward)
            self.next_obs = torch.from_numpy(obs)
            self.next_done = torch.from_numpy(done.astype(np.float32))
        with torch.no_grad():  # GAE, as cleanrl/ppo.py (a truncation is treated as an end)
            next_value = self.agent.value(self.next_obs)
            advantages = torch.zeros_like(self.rewards)
            last = 0
            for t in reversed(range(self.steps)):
                if t == self.steps - 1:
                    nonterminal, nv = 1.0 - self.next_done, next_value
                else:
                    nonterminal, nv = 1.0 - self.dones[t + 1], self.values[t + 1]
                delta = self.rewards[t] + 0.99 * nv * nonterminal - self.values[t]
                advantages[t] = last = delta + 0.99 * 0.95 * nonterminal * last
            returns = advantages + self.values
        b_obs = self.obs.reshape(-1, 4)
        b_logprobs, b_actions = self.logprobs.reshape(-1), self.actions.reshape(-1)
        b_adv, b_returns, b_values = advantages.reshape(-1), returns.reshape(-1), self.values.reshape(-1)
        batch = self.steps * self.lanes
        mb = batch // self.minibatches
        for _ in range(self.epochs):
            perm = torch.randperm(batch)
            for start in range(0, batch, mb):
                idx = perm[start:start + mb]
                _, newlogprob, entropy, newvalue = self.agent.act(b_obs[idx], b_actions[idx].long())
                ratio = (newlogprob - b_logprobs[idx]).exp()
                adv = b_adv[idx]
                adv = (adv - adv.mean()) / (adv.std() + 1e-8)
                pg_loss = torch.max(-adv * ratio, -adv * torch.clamp(ratio, 0.8, 1.2)).mean()
                v_unclipped = (newvalue - b_returns[idx]) ** 2
                v_clipped = b_values[idx] + torch.clamp(newvalue - b_values[idx], -0.2, 0.2)
                v_loss = 0.5 * torch.max(v_unclipped, (v_clipped - b_returns[idx]) ** 2).mean()
                loss = pg_loss - 0.01 * entropy.mean() + 0.5 * v_loss
                self.opt.zero_grad(set_to_none=True)
                loss.backward()
                nn.utils.clip_grad_norm_(self.agent.parameters(), 0.5)
                self.opt.step()
        return batch


def main():
    p = common.parser(__doc__.splitlines()[0])
    p.add_argument("--lanes", type=int, default=8)
    p.add_argument("--steps", type=int, default=256)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--minibatches", type=int, default=4)
    p.add_argument("--learn", type=int, default=0, metavar="ENV_STEPS",
                   help="instead of timing: train this many env-steps and print the mean return of the last 20 episodes")
    args = common.settings(p.parse_args())
    if args.learn > 0:
        ppo = Ppo(args.lanes, args.steps, args.epochs, args.minibatches, args.seed,
                  total_updates=max(1, args.learn // (args.lanes * args.steps)))
        steps = 0
        while steps < args.learn:
            steps += ppo.update()
            common.log(f"{steps} env-steps: mean return of the last 20 episodes {np.mean(ppo.returns_seen[-20:]):.1f}")
        common.emit({"workload": "ppo-cartpole-learn", "env_steps": steps,
                     "mean_return_last_20": float(np.mean(ppo.returns_seen[-20:]))})
        return
    record = common.header("ppo-cartpole", args)
    record.update({"lanes": args.lanes, "steps": args.steps, "epochs": args.epochs, "minibatches": args.minibatches,
                   "hidden": [64, 64], "dtype": "float32", "unit": "env-steps/s"})
    ppo = Ppo(args.lanes, args.steps, args.epochs, args.minibatches, args.seed)
    m = common.measure(ppo.update, args)
    m.update({"env_steps_per_s": m["median"]})
    record["results"] = [m]
    common.log(f"pytorch ppo-cartpole {args.lanes}x{args.steps}: {m['median']:,.0f} env-steps/s "
               f"(spread {(m['max'] - m['min']) / m['median']:.0%})")
    common.emit(record)


if __name__ == "__main__":
    main()
