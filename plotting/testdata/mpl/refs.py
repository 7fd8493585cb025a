"""Reference renderings of the single-variable and integral calculus figures.

Run with Debian's python3-matplotlib (3.6): /usr/bin/python3 refs.py
It draws each figure as d2l draws it (3.5x2.5 in, d2l.plot's formats and
grid), saves it beside this script at 192 dpi (the resolution of gocalc's
golden images), and writes boxes.txt: per figure, the axes box and the tick
positions in pixels (origin top left). 2D figures are laid out with
tight_layout(pad=0.72), that is matplotlib's tight box with 0.1 in of padding
kept inside a figure of the fixed size, which is how gocalc lays them out;
the 3D figure keeps matplotlib's default subplot box. plotting's
TestMatplotlibBoxes compares gocalc's layout with these numbers (2 px).
"""
import os

import matplotlib
matplotlib.use("agg")
import matplotlib.pyplot as plt
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DPI = 192
W, H = 3.5, 2.5
FMTS = ("-", "m--", "g-.", "r:")  # d2l.plot's default formats


def d2l_plot(X, Ys, xlabel, ylabel, legend=None, ylim=None):
    fig, ax = plt.subplots(figsize=(W, H))
    for y, fmt in zip(Ys, FMTS):
        ax.plot(X, y, fmt)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if ylim:
        ax.set_ylim(ylim)
    if legend:
        ax.legend(legend)
    ax.grid()
    return fig, ax


def figures():
    x = np.arange(0.01, 3.01, 0.01)
    yield "sinxx", d2l_plot(x, [np.sin(x ** x)], "x", "f(x)")

    xs = np.arange(-np.pi, np.pi, 0.01)
    plots = [np.sin(xs)] + [np.sin(x0) + (xs - x0) * np.cos(x0) for x0 in (-1.5, 0, 2)]
    yield "linear", d2l_plot(xs, plots, "x", "f(x)", ylim=[-1.5, 1.5])

    xs = np.arange(0, 3, 0.01)
    P1 = 1 + xs
    P2 = P1 + xs ** 2 / 2
    P5 = P2 + xs ** 3 / 6 + xs ** 4 / 24 + xs ** 5 / 120
    yield "taylor", d2l_plot(xs, [np.exp(xs), P1, P2, P5], "$x$", "$f(x)$",
                             legend=["$e^x$", "$P_1(x)$", "$P_2(x)$", "$P_5(x)$"])

    x = np.arange(-2, 2, 0.01)
    f = np.exp(-x ** 2)
    for name, sl in (("fill", slice(None)), ("fillpart", slice(50, 250))):
        fig, ax = plt.subplots(figsize=(W, H))
        ax.plot(x, f, color="black")
        ax.fill_between(x[sl], f[sl])
        ax.set_xlabel("$x$")
        ax.set_ylabel("$e^{-x^2}$")
        yield name, (fig, ax)

    eps = 0.05
    x = np.arange(0, 2, eps)
    f = x / (1 + x ** 2)
    fig, ax = plt.subplots(figsize=(W, H))
    ax.bar(x, f, width=eps, align="edge")
    ax.plot(x, f, color="black")
    ax.set_ylim([0, 1])
    yield "riemann", (fig, ax)

    x, y = np.meshgrid(np.linspace(-2, 2, 101), np.linspace(-2, 2, 101), indexing="ij")
    z = np.exp(-x ** 2 - y ** 2)
    fig = plt.figure(figsize=(W, H))
    ax = fig.add_subplot(111, projection="3d")
    ax.plot_wireframe(x, y, z)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_xticks([-2, -1, 0, 1, 2])
    ax.set_yticks([-2, -1, 0, 1, 2])
    ax.set_xlim(-2, 2)
    ax.set_ylim(-2, 2)
    ax.set_zlim(0, 1)
    ax.dist = 12
    yield "gauss3d", (fig, ax)


def px(fig, xy):
    """Display coordinates to pixels with the origin at the top left."""
    return xy[0], fig.bbox.height - xy[1]


def main():
    out = ["# matplotlib %s, %g dpi, %gx%g in: name, then box x0 y0 x1 y1 (px, origin top left),"
           % (matplotlib.__version__, DPI, W, H),
           "# then 2D: xticks/yticks pixel positions; 3D: tick segments x0 y0 x1 y1 per axis"]
    for name, (fig, ax) in figures():
        fig.set_dpi(DPI)
        if not hasattr(ax, "zaxis"):
            fig.tight_layout(pad=0.72)
        fig.canvas.draw()
        bb = ax.get_window_extent()
        x0, y0 = px(fig, (bb.x0, bb.y1))
        x1, y1 = px(fig, (bb.x1, bb.y0))
        out.append("figure %s" % name)
        out.append("box %.2f %.2f %.2f %.2f" % (x0, y0, x1, y1))
        if hasattr(ax, "zaxis"):
            for axname, axis in (("x", ax.xaxis), ("y", ax.yaxis), ("z", ax.zaxis)):
                lo, hi = axis.get_view_interval()
                for loc, tick in zip(axis.get_majorticklocs(), axis.get_major_ticks()):
                    if not (min(lo, hi) - 1e-9 <= loc <= max(lo, hi) + 1e-9):
                        continue
                    d = ax.transData.transform(tick.tick1line.get_xydata())
                    a, b = px(fig, d[0]), px(fig, d[1])
                    out.append("tick3d %s %g %.2f %.2f %.2f %.2f" % (axname, loc, a[0], a[1], b[0], b[1]))
        else:
            lo, hi = ax.get_xlim()
            for loc in ax.get_xticks():
                if lo - 1e-9 <= loc <= hi + 1e-9:
                    out.append("xtick %g %.2f" % (loc, px(fig, ax.transData.transform((loc, 0)))[0]))
            lo, hi = ax.get_ylim()
            for loc in ax.get_yticks():
                if lo - 1e-9 <= loc <= hi + 1e-9:
                    out.append("ytick %g %.2f" % (loc, px(fig, ax.transData.transform((0, loc)))[1]))
        fig.savefig(os.path.join(HERE, name + ".png"), dpi=DPI)
        plt.close(fig)
    with open(os.path.join(HERE, "boxes.txt"), "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
