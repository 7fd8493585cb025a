package interp

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"io"
	"os"
	"reflect"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/interp/internal/cells"
	"github.com/gocalc/gocalc/interp/internal/front"
	"github.com/gocalc/gocalc/interp/internal/modules"
	"github.com/gocalc/gocalc/interp/symbols"
	yaegi "github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// Options configures an Interpreter. The zero value is ready to use.
type Options struct {
	// Env is the environment cells see through os.Getenv; nil means the
	// kernel's own environment.
	Env []string
	// ModuleDir is the directory whose go.mod pins the versions of the Go
	// modules cells import (the notebook's); "" means the working
	// directory.
	ModuleDir string
}

// Interpreter runs notebook cells. It implements engine.Executor and the
// optional engine abilities. Its methods are safe for concurrent use;
// cells run one at a time.
type Interpreter struct {
	stepProg *yaegi.Program // the last program compiled with a step (isStepBlock)
	opts     Options

	mu       sync.Mutex // held while a cell runs
	y        *yaegi.Interpreter
	sink     *sink
	rt       *rt
	stdout   *pipe
	stderr   *pipe
	errw     *errWriter
	stdin    *stdin
	cell     int            // number of the last cell run
	sources  map[int]string // cell number -> source, for tracebacks
	imports  map[string]string
	sess     session
	gen      int  // incremented with every new yaegi interpreter
	compiles int  // programs compiled (cells and type probes) since the yaegi interpreter was made
	dirty    bool // a failed compile may have left half-declared names
	closed   bool

	front     *front.Checker
	lowered   cells.Lowerings // the front end's replacements of the session's cells
	checkTime time.Duration   // spent type-checking cells, for benchmarks
	lastCheck *front.Result   // the front end's view of the session after the last cell it accepted
	// cellChecks are the front end's results of the live cells, by slot:
	// the types of their functions' locals, for the debugger.
	cellChecks map[int]*front.Result
	typedDone  int               // the generation whose variables declareTyped declared
	aliases    map[string]string // packages imported under an alias (front.Alias) -> import path
	aliasGen   map[string]int    // alias -> the generation that imported it

	dbgs     debugState       // breakpoints and the debugged run (its own lock)
	progs    []*yaegi.Program // programs run in the yaegi interpreter of generation progsGen, where breakpoints are set
	progsGen int

	mods    *modules.Manager // made on the first import of a package that is not preloaded
	modUsed map[string]int   // import path -> the generation whose yaegi interpreter has its symbols
}

var (
	_ engine.Executor = (*Interpreter)(nil)
	_ engine.Closer   = (*Interpreter)(nil)
	_ engine.Router   = (*Interpreter)(nil)
)

// New returns an interpreter with the standard library and the preloaded
// packages ready to use without imports.
func New(opts Options) (*Interpreter, error) {
	in := &Interpreter{opts: opts, sink: &sink{}, sources: map[int]string{}, imports: map[string]string{}, cellChecks: map[int]*front.Result{}}
	in.front = front.NewChecker(checkerNames())
	in.lowered = cells.Lowerings{}
	in.aliases, in.aliasGen = map[string]string{}, map[string]int{}
	in.modUsed = map[string]int{}
	in.rt = &rt{sink: in.sink, cancel: make(chan struct{})}
	in.rt.atPanic = in.preemptPanic
	in.rt.atFault = in.preemptFault
	in.rt.atFaultAt = in.preemptFaultAt
	in.errw = &errWriter{sink: in.sink}
	in.stdin = &stdin{sink: in.sink}
	var err error
	if in.stdout, err = newPipe("stdout", in.sink, nil); err != nil {
		return nil, err
	}
	if in.stderr, err = newPipe("stderr", in.sink, in.stdout); err != nil {
		in.stdout.close()
		return nil, err
	}
	in.rt.stdout = in.stdout.w
	in.rt.printOut = in.stdout
	in.errw.stdout = in.stdout
	in.sink.flush = func() { in.stdout.sync(); in.stderr.sync() }
	if err := in.reset(); err != nil {
		in.Close()
		return nil, err
	}
	displayRouter.use(in.sink)
	return in, nil
}

// Route sends what code outside a cell prints and displays (the handlers
// of a comm message, which run interpreted callbacks) to out while f runs.
// It does not wait for a running cell: the kernel calls it between cells.
func (in *Interpreter) Route(out engine.Output, f func()) {
	displayRouter.use(in.sink)
	in.sink.route(out, f)
}

// reset makes a fresh yaegi interpreter with every package and the
// prelude loaded.
func (in *Interpreter) reset() (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("interp: starting the interpreter panicked: %v", p)
		}
	}()
	env := in.opts.Env
	if env == nil {
		env = os.Environ()
	}
	// fmt.Print*, print and println write to the pipe behind the cells'
	// os.Stdout, in order with what compiled code writes there (a
	// tabwriter, a json.Encoder on os.Stdout); log writes to Stderr,
	// straight to the Output. os.Stdout and os.Stderr stay *os.File
	// values in cells: the write ends of pipes.
	y := yaegi.New(yaegi.Options{Stdin: in.stdin, Stdout: in.stdout, Stderr: in.errw, Env: env, Args: cellArgs,
		GoPath: modules.GoPath, SourcecodeFilesystem: modules.SourceFS{}})
	if err := y.Use(stdlibSymbols()); err != nil {
		return err
	}
	if err := y.Use(symbols.Symbols); err != nil {
		return err
	}
	for _, table := range in.rt.processSymbols() {
		if err := y.Use(table); err != nil {
			return err
		}
	}
	if err := y.Use(in.rt.exports()); err != nil {
		return err
	}
	for _, p := range modules.Loaded() {
		if p.Symbols != nil {
			if err := y.Use(p.Symbols); err != nil {
				return err
			}
		}
	}
	stdoutFile, stderrFile := in.stdout.w, in.stderr.w
	var stdinReader io.Reader = in.stdin
	if err := y.Use(yaegi.Exports{"os/os": {
		"Stdout": reflect.ValueOf(&stdoutFile).Elem(),
		"Stderr": reflect.ValueOf(&stderrFile).Elem(),
		"Stdin":  reflect.ValueOf(&stdinReader).Elem(),
	}}); err != nil {
		return err
	}
	y.ImportUsed()
	if _, err := y.Eval(packages().clashImports()); err != nil {
		return fmt.Errorf("interp: binding package names: %w", err)
	}
	if _, err := y.Eval(prelude); err != nil {
		return fmt.Errorf("interp: prelude: %w", err)
	}
	in.y = y
	in.gen++
	for _, p := range modules.Loaded() {
		in.modUsed[p.Path] = in.gen
	}
	in.compiles = 0
	in.imports = map[string]string{}
	return nil
}

var (
	stdlibOnce sync.Once
	stdlibSyms yaegi.Exports
)

// stdlibSymbols is yaegi's standard library without the empty tables of
// cmp, maps and slices, so that their generic source versions, which
// yaegi compiles at start, are the ones cells get.
func stdlibSymbols() yaegi.Exports {
	stdlibOnce.Do(func() {
		stdlibSyms = yaegi.Exports{}
		for k, v := range stdlib.Symbols {
			switch k {
			case "cmp/cmp", "maps/maps", "slices/slices", "github.com/traefik/yaegi/stdlib/stdlib":
				continue
			}
			stdlibSyms[k] = v
		}
	})
	return stdlibSyms
}

// Close releases the interpreter's pipes. Goroutines that cells started
// keep running until the process exits.
func (in *Interpreter) Close() error {
	in.Detach() // a stopped cell holds in.mu
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.closed {
		return nil
	}
	in.closed = true
	displayRouter.drop(in.sink)
	if in.stdout != nil {
		in.stdout.close()
	}
	if in.stderr != nil {
		in.stderr.close()
	}
	return nil
}

// Execute runs one cell. See the package documentation for what a cell may
// contain and how its value is shown.
func (in *Interpreter) Execute(ctx context.Context, code string, out engine.Output) (res *display.Data, err error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.closed {
		return nil, &engine.Error{Name: ErrInternal, Value: "the interpreter is closed"}
	}
	in.sink.set(out)
	displayRouter.use(in.sink)
	// A publisher some caller installed over the router (notebook tests,
	// a program embedding interp) gives way while the cell runs.
	restore := display.SetPublisher(displayRouter)
	defer restore()
	defer in.flush()
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, &engine.Error{Name: ErrInternal, Value: fmt.Sprint(p), Traceback: []string{"gocalc internal error: " + fmt.Sprint(p), string(debug.Stack())}}
		}
	}()
	in.cell++
	in.compiles++
	cur := cells.CellSlot(in.cell)
	in.dbgs.startCell(cur)
	in.sources[cur] = code
	delete(in.cellChecks, cur)
	in.pruneSources(cur)
	items := cells.CellItems(code, cur)
	if err := in.importModules(ctx, cur, items); err != nil {
		return nil, err
	}
	checked, err := in.check(ctx, cur, items)
	if err != nil {
		return nil, err
	}
	cctx := in.context()
	cctx.InitRank = checked.InitRank()
	cctx.DeclUses = checked.DeclUses()
	p, perr := cells.ParseCell(in.y.FileSet(), cur, code, cctx)
	if perr != nil {
		return nil, in.compileError(perr, cur)
	}
	if in.dirty && !hasDecls(p) || in.compiles >= compactEvery && in.rt.live.Load() == 0 {
		if err := in.rebuildAndTell(ctx, cur, nil); err != nil {
			return nil, err
		}
	}
	for i := 0; i < len(p.Steps); i++ {
		gen := in.gen
		if gen != p.Gen {
			// A rebuild brought a new interpreter with its own file set:
			// parse again (the steps come out the same).
			cctx = in.context()
			cctx.InitRank = checked.InitRank()
			cctx.DeclUses = checked.DeclUses()
			if p, perr = cells.ParseCell(in.y.FileSet(), cur, code, cctx); perr != nil {
				return nil, in.compileError(perr, cur)
			}
		}
		dirty := in.dirty
		res, err = in.runStep(ctx, cur, &p.Steps[i])
		if err != nil && in.lowered[cur] != nil && compileFailure(err) && p.Steps[i].Kind != cells.StepDecl && p.Steps[i].Kind != cells.StepImport {
			// yaegi could not compile the lowered form of a step that it
			// may compile as written: run the cell's steps as written
			// from here on (a compile runs nothing, and a statement step
			// declares nothing).
			delete(in.lowered, cur)
			in.dirty = dirty
			cctx = in.context()
			cctx.InitRank = checked.InitRank()
			cctx.DeclUses = checked.DeclUses()
			if p, perr = cells.ParseCell(in.y.FileSet(), cur, code, cctx); perr != nil {
				return nil, in.compileError(perr, cur)
			}
			res, err = in.runStep(ctx, cur, &p.Steps[i])
		}
		if err != nil {
			return nil, in.afterFailure(ctx, cur, err)
		}
	}
	return res, nil
}

// compileFailure tells whether err is a failure to compile a step.
func compileFailure(err error) bool {
	var e *engine.Error
	return errors.As(err, &e) && (e.Name == ErrCompile || e.Name == ErrUnsupported)
}

// afterFailure rebuilds the session at once after a failed compile, which can
// leave yaegi with half-declared names, so that the cell's error can say
// what the rebuild could not keep.
func (in *Interpreter) afterFailure(ctx context.Context, cur int, err error) error {
	if !in.dirty {
		return err
	}
	notes, rerr := in.rebuild(context.WithoutCancel(ctx), cur, nil)
	if rerr != nil {
		notes = append(notes, "the rebuild failed: "+rerr.Error())
	}
	var e *engine.Error
	if n := rebuildNote(notes); n != "" && errors.As(err, &e) {
		e.Traceback = append(e.Traceback, n)
	}
	return err
}

func hasDecls(p *cells.Plan) bool {
	for _, s := range p.Steps {
		if s.Kind == cells.StepDecl {
			return true
		}
	}
	return false
}

// pruneSources forgets the source of old cells that declared nothing the
// session keeps, so that a long session does not grow without bound.
func (in *Interpreter) pruneSources(cur int) {
	if len(in.sources) < 2*keepSources {
		return
	}
	keep := map[int]bool{}
	for _, es := range [][]*cells.Entry{in.sess.decls, in.sess.vars, in.sess.monos} {
		for _, e := range es {
			keep[e.Cell] = true
		}
	}
	for c := range in.sources {
		age := (cur - c + cells.MaxCells) % cells.MaxCells
		if age >= keepSources && !keep[c] {
			delete(in.sources, c)
			delete(in.cellChecks, c)
		}
	}
}

// compactEvery is how many cells (and type probes) run before the session
// is rebuilt from its declarations and values (when no goroutine a cell started still
// runs): yaegi's global frame grows with every cell, and copying it
// makes each cell slower (about +50 us per 1000 cells).
const compactEvery = 500

// keepSources is how many recent cells keep their source for tracebacks.
const keepSources = 1000

// context tells parsing which globals hold integers and which names the
// session declares.
func (in *Interpreter) context() cells.CellContext {
	c := cells.CellContext{IntGlobals: map[string]bool{}, Declared: map[string]bool{}, Globals: map[string]bool{}, Gen: in.gen, Symbols: packages()}
	// Bound to this yaegi interpreter: a rebuild replays declarations with
	// the rewrites the old session chose.
	c.Imports = in.imports
	c.Lowered = in.lowered
	y := in.y
	c.TypeOf = func(expr string) string { in.compiles++; return typeIn(y, expr) }
	c.Monos = map[string]string{}
	for _, d := range in.sess.monos {
		c.Monos[d.Keys[0]] = d.Mono.Key()
	}
	for _, d := range in.sess.decls {
		for _, k := range d.Keys {
			c.Declared[k] = true
			if !strings.Contains(k, ".") {
				c.Globals[k] = true
			}
		}
	}
	for name, v := range in.globals() {
		c.Declared[name] = true
		c.Globals[name] = true
		if v.IsValid() {
			switch v.Kind() {
			case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
				reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
				c.IntGlobals[name] = true
			}
		}
	}
	return c
}

// globals returns the session's global variables and constants. A var
// that was compiled in a failed cell but never run has no storage yet;
// running an empty program allocates it.
func (in *Interpreter) globals() (g map[string]reflect.Value) {
	get := func() (g map[string]reflect.Value, ok bool) {
		defer func() {
			if recover() != nil {
				ok = false
			}
		}()
		return in.y.Globals(), true
	}
	if g, ok := get(); ok {
		return g
	}
	if prog, err := in.compile(&ast.BlockStmt{}); err == nil {
		in.y.Execute(prog)
	}
	if g, ok := get(); ok {
		return g
	}
	return map[string]reflect.Value{}
}

// flush waits until everything the cell wrote to os.Stdout and os.Stderr
// has reached the Output.
func (in *Interpreter) flush() {
	in.stdout.sync()
	in.stderr.sync()
}

// interrupted is the error of a cancelled cell.
func interrupted(extra string) *engine.Error {
	msg := "the cell was interrupted"
	if extra != "" {
		msg += "; " + extra
	}
	return &engine.Error{Name: ErrInterrupted, Value: msg, Traceback: []string{ErrInterrupted + ": " + msg}}
}

// errCompilePanic marks a panic inside yaegi's compiler.
var errCompilePanic = errors.New("the interpreter failed on this code")
