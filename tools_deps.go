//go:build deps

package main

import (
	_ "github.com/go-zeromq/zmq4"
	_ "github.com/traefik/yaegi/interp"
	_ "gonum.org/v1/gonum/mat"
	_ "gonum.org/v1/plot"
)
