package engine

// Stop tells where a debugged cell stopped: the thread (goroutine) that
// stopped and why ("breakpoint", "step", "pause", "exception").
type Stop struct {
	Thread int
	Reason string
	// Text says more, for an exception: the panic's message.
	Text string
}

// Thread is a goroutine of a debugged cell.
type Thread struct {
	ID   int
	Name string
}

// Frame is one frame of a stopped thread's call stack, innermost first.
type Frame struct {
	// ID names the frame in FrameVariables until the thread resumes.
	ID   int
	Name string
	// Code is the source of the cell the frame is in, as Execute got it
	// ("" when the position is not in a cell).
	Code string
	// Line and Column are the frame's position in that cell (1-based).
	Line, Column int
}

// Resume says how a stopped thread goes on.
type Resume int

// The ways a stopped thread goes on.
const (
	Continue Resume = iota // until the next breakpoint
	Next                   // to the next line of the same or a calling function
	StepIn                 // to the next line, entering calls
	StepOut                // until the function returns
)

// Debugger is the optional ability to stop cells at breakpoints. An
// interpreter may run cells differently (more slowly) while a stop
// function is set (OnStop), so that they can stop; without one, cells
// run as if no debugger were there. While a cell is stopped, Execute is
// still running: the other methods are called from another goroutine.
type Debugger interface {
	// SetBreakpoints replaces the breakpoints of the cells whose source is
	// code by lines (1-based, in the cell); no lines clears them. It
	// reports for each line whether the interpreter accepts it.
	SetBreakpoints(code string, lines []int) []bool
	// OnStop sets the function called when a debugged cell stops (from the
	// cell's goroutine, which stays stopped until Resume). With nil,
	// stopped threads resume and cells no longer stop.
	OnStop(func(Stop))
	// Threads lists the goroutines of the debugged cell that runs.
	Threads() []Thread
	// StackTrace lists the frames of a stopped thread.
	StackTrace(thread int) ([]Frame, error)
	// FrameVariables lists the local variables of a frame that StackTrace
	// handed out, or the parts of one (path as in VariableInspector).
	// Frame 0 is the session's variables, while a cell is stopped.
	FrameVariables(frame int, path []string) ([]Variable, error)
	// Resume makes a stopped thread go on.
	Resume(thread int, how Resume) error
	// Detach clears every breakpoint and resumes the stopped threads.
	Detach()
}

// PanicStopper is the optional ability of a Debugger to stop a cell that
// panics, before the panic is reported as the cell's error: the stop's
// reason is "exception", its Text the panic's message.
type PanicStopper interface {
	// StopOnPanic turns the stops at panics on or off.
	StopOnPanic(on bool)
}

// Pauser is the optional ability of a Debugger to stop a running thread
// at its next statement (a stop with reason "pause").
type Pauser interface {
	// Pause asks thread to stop; it fails when the thread cannot be
	// paused (a cell that runs without the debugger).
	Pause(thread int) error
}

// FrameEvaluator is the optional ability of a Debugger to evaluate an
// expression in a stopped frame (frame 0: the session's variables).
type FrameEvaluator interface {
	// EvaluateInFrame returns the value of expr in frame, as Variables
	// lists a value (its Name is expr), or an error saying what it
	// cannot evaluate.
	EvaluateInFrame(frame int, expr string) (Variable, error)
}
