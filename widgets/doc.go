// Package widgets provides Jupyter widgets for cells: sliders, checkboxes,
// dropdowns, text fields, buttons, labels, HTML, a player, boxes, output
// areas, and Interact, which redraws a function's result whenever one of its
// controls moves.
//
// The widgets speak the ipywidgets 8 model protocol (version 2.1, the
// models and views of @jupyter-widgets/controls 2.0.0 and
// @jupyter-widgets/output 1.0.0), so that JupyterLab's stock widget manager
// (the jupyterlab_widgets extension) shows them with nothing of ours
// installed. Each widget is a model synchronised over a comm (package comm)
// opened when the widget is created; showing it (as a cell's last value, or
// with display.Show) sends a view of it, application/vnd.jupyter.widget-view+json,
// beside a text/plain fallback. A widget can be shown several times; its
// views stay in step.
//
// Values move both ways: a control's Value reads what the user chose,
// SetValue changes it in every view, and Observe registers a function called
// after every change, from the frontend or from Go. The kernel handles a
// frontend's widget messages one at a time between cells, as it handles any
// request, so observers never run beside a cell; while a cell runs they wait
// for it to end. A panic in an observer is reported on the kernel's log and
// the frontend's log console; the widget stays usable.
//
// The package also answers the jupyter.widget.control comm, through which
// JupyterLab asks for every widget's state after a page reload. States
// returns that state, which `gocalc run` saves in a notebook's metadata
// (application/vnd.jupyter.widget-state+json) so that a notebook viewer
// shows the widgets with their initial values.
package widgets
