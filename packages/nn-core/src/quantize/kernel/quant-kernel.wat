;; Block-quantised matrix products with WebAssembly SIMD128: y = x · W for W kept as 8-bit or
;; 4-bit codes in this module's (imported) memory. Compiled to quant-kernel-wasm.ts by
;; packages/nn-core/scripts/build-quant-kernel.mjs; the layouts are written by
;; src/quantize/kernel/weight-layout.ts.
;;
;; Blocks run along K, 32 values each. W [K, N] is stored transposed, as N rows of K, and rows are
;; taken four at a time (a "group"; N is padded with zero rows to a multiple of 4). For group g and
;; block b there is one super-block, the groups one after another and the blocks of a group in
;; order, so one output group reads one contiguous stretch:
;;   8-bit, 144 bytes: codes of row 4g+r at bytes r*32 .. r*32+31 (int8, value k = 32b + j at j),
;;          then the four rows' scales as f32 at bytes 128..143.
;;   4-bit,  80 bytes: 16 bytes per row at r*16, read as eight u16 lanes; nibble q (bits 4q..4q+3)
;;          of lane l holds value j = 8q + l as code + 8 (0..15); the four scales at bytes 64..79.
;; Activations are quantised per block of 32 by quantize_blocks into int16-stored codes in
;; [-127, 127] and one f32 scale per block (and, for the 4-bit product, 8 × the block's code sum).
;; Each block's dot products are exact int32 sums (|sum| ≤ 32 · 127 · 127), turned to f32 and
;; multiplied by both scales; the blocks' terms are summed in f32 in order of b.
(module
  (import "env" "memory" (memory 1))

  ;; quantize_blocks(src, count, codes, scales, sums) -> -1, or the index of the first block that
  ;; holds a NaN or an infinity (nothing after it is written).
  ;; src: count × 32 f32. For each block: d = f32(max|x| / 127), stored at scales + 4i; codes
  ;; round_ties_even(f32(x / d)) as i16 at codes + 64i; 8 × (sum of the codes) as i32 at sums + 4i.
  ;; A block with d = 0 (all zeros, or values too small for d to be a normal f32 above 0) gets codes 0.
  (func (export "quantize_blocks")
    (param $src i32) (param $count i32) (param $codes i32) (param $scales i32) (param $sums i32)
    (result i32)
    (local $i i32) (local $amax f32) (local $d f32) (local $dv v128) (local $mx v128) (local $s v128)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $v4 v128) (local $v5 v128) (local $v6 v128) (local $v7 v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $c4 v128) (local $c5 v128) (local $c6 v128) (local $c7 v128)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $v0 (v128.load offset=0 (local.get $src)))
        (local.set $v1 (v128.load offset=16 (local.get $src)))
        (local.set $v2 (v128.load offset=32 (local.get $src)))
        (local.set $v3 (v128.load offset=48 (local.get $src)))
        (local.set $v4 (v128.load offset=64 (local.get $src)))
        (local.set $v5 (v128.load offset=80 (local.get $src)))
        (local.set $v6 (v128.load offset=96 (local.get $src)))
        (local.set $v7 (v128.load offset=112 (local.get $src)))
        ;; max |x| over the block; f32x4.max propagates NaN
        (local.set $mx
          (f32x4.max
            (f32x4.max
              (f32x4.max (f32x4.abs (local.get $v0)) (f32x4.abs (local.get $v1)))
              (f32x4.max (f32x4.abs (local.get $v2)) (f32x4.abs (local.get $v3))))
            (f32x4.max
              (f32x4.max (f32x4.abs (local.get $v4)) (f32x4.abs (local.get $v5)))
              (f32x4.max (f32x4.abs (local.get $v6)) (f32x4.abs (local.get $v7))))))
        (local.set $mx
          (f32x4.max (local.get $mx)
            (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $mx) (local.get $mx))))
        (local.set $mx
          (f32x4.max (local.get $mx)
            (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $mx) (local.get $mx))))
        (local.set $amax (f32x4.extract_lane 0 (local.get $mx)))
        ;; NaN or infinity: amax - amax is NaN
        (if (f32.ne (f32.sub (local.get $amax) (local.get $amax)) (f32.const 0))
          (then (return (local.get $i))))
        (local.set $d (f32.div (local.get $amax) (f32.const 127)))
        (f32.store (local.get $scales) (local.get $d))
        (if (f32.eq (local.get $d) (f32.const 0))
          (then
            (v128.store offset=0 (local.get $codes) (v128.const i32x4 0 0 0 0))
            (v128.store offset=16 (local.get $codes) (v128.const i32x4 0 0 0 0))
            (v128.store offset=32 (local.get $codes) (v128.const i32x4 0 0 0 0))
            (v128.store offset=48 (local.get $codes) (v128.const i32x4 0 0 0 0))
            (i32.store (local.get $sums) (i32.const 0)))
          (else
            (local.set $dv (f32x4.splat (local.get $d)))
            (local.set $c0 (i32x4.trunc_sat_f32x4_s (f32x4.nearest (f32x4.div (local.get $v0) (local.get $dv)))))
            (local.set $c1 (i32x4.trunc_sat_f32x4_s (f32x4.nearest (f32x4.div (local.get $v1) (local.get $dv)))))
            (local.set $c2 (i32x4.trunc_sat_f32x4_s (f32x4.nearest (f32x4.div (local.get $v2) (local.get $dv)))))
            (local.set $c3 (i32x4.trunc_sat_f32x4_s (f32x4.nearest (f32x4.div (local.get $v3) (local.get $dv)))))
            (local.set $c4 (i32x4.trunc_sat_f32x4_s (f32x4.nearest (f32x4.div (local.get $v4) (local.get $dv)))))
            (local.set $c5 (i32x4.trunc_sat_f32x4_s (f32x4.nearest (f32x4.div (local.get $v5) (local.get $dv)))))
            (local.set $c6 (i32x4.trunc_sat_f32x4_s (f32x4.nearest (f32x4.div (local.get $v6) (local.get $dv)))))
            (local.set $c7 (i32x4.trunc_sat_f32x4_s (f32x4.nearest (f32x4.div (local.get $v7) (local.get $dv)))))
            (v128.store offset=0 (local.get $codes) (i16x8.narrow_i32x4_s (local.get $c0) (local.get $c1)))
            (v128.store offset=16 (local.get $codes) (i16x8.narrow_i32x4_s (local.get $c2) (local.get $c3)))
            (v128.store offset=32 (local.get $codes) (i16x8.narrow_i32x4_s (local.get $c4) (local.get $c5)))
            (v128.store offset=48 (local.get $codes) (i16x8.narrow_i32x4_s (local.get $c6) (local.get $c7)))
            (local.set $s
              (i32x4.add
                (i32x4.add (i32x4.add (local.get $c0) (local.get $c1)) (i32x4.add (local.get $c2) (local.get $c3)))
                (i32x4.add (i32x4.add (local.get $c4) (local.get $c5)) (i32x4.add (local.get $c6) (local.get $c7)))))
            (local.set $s
              (i32x4.add (local.get $s)
                (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s) (local.get $s))))
            (i32.store (local.get $sums)
              (i32.shl
                (i32.add (i32x4.extract_lane 0 (local.get $s)) (i32x4.extract_lane 1 (local.get $s)))
                (i32.const 3)))))
        (local.set $src (i32.add (local.get $src) (i32.const 128)))
        (local.set $codes (i32.add (local.get $codes) (i32.const 64)))
        (local.set $scales (i32.add (local.get $scales) (i32.const 4)))
        (local.set $sums (i32.add (local.get $sums) (i32.const 4)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.const -1))

  ;; matmul_q8(w, codes, scales, out, bias, m, n, blocks): out[r, c] = Σ_b xscale[r, b] ·
  ;; wscale[c, b] · Σ_j xcode[r, b, j] · wcode[c, b, j] (+ bias[c] when bias ≠ 0), for r < m, c < n.
  ;; codes/scales: the activations from quantize_blocks, m rows of `blocks` blocks. out: m × n f32,
  ;; row-major. bias: 0 or a pointer to ceil(n / 4) × 4 f32.
  (func (export "matmul_q8")
    (param $w i32) (param $codes i32) (param $scales i32) (param $out i32) (param $bias i32)
    (param $m i32) (param $n i32) (param $blocks i32)
    (local $g i32) (local $r i32) (local $b i32) (local $gw i32)
    (local $p i32) (local $xp i32) (local $sp i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $t0 v128) (local $t1 v128) (local $acc v128)
    (local.set $gw (local.get $w))
    (loop $group
      (local.set $r (i32.const 0))
      (loop $row
        (local.set $p (local.get $gw))
        (local.set $xp (i32.add (local.get $codes) (i32.mul (local.get $r) (i32.shl (local.get $blocks) (i32.const 6)))))
        (local.set $sp (i32.add (local.get $scales) (i32.mul (local.get $r) (i32.shl (local.get $blocks) (i32.const 2)))))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $b (local.get $blocks))
        (loop $block
          (local.set $x0 (v128.load offset=0 (local.get $xp)))
          (local.set $x1 (v128.load offset=16 (local.get $xp)))
          (local.set $x2 (v128.load offset=32 (local.get $xp)))
          (local.set $x3 (v128.load offset=48 (local.get $xp)))
          (local.set $a0
            (i32x4.add
              (i32x4.add
                (i32x4.dot_i16x8_s (v128.load8x8_s offset=0 (local.get $p)) (local.get $x0))
                (i32x4.dot_i16x8_s (v128.load8x8_s offset=8 (local.get $p)) (local.get $x1)))
              (i32x4.add
                (i32x4.dot_i16x8_s (v128.load8x8_s offset=16 (local.get $p)) (local.get $x2))
                (i32x4.dot_i16x8_s (v128.load8x8_s offset=24 (local.get $p)) (local.get $x3)))))
          (local.set $a1
            (i32x4.add
              (i32x4.add
                (i32x4.dot_i16x8_s (v128.load8x8_s offset=32 (local.get $p)) (local.get $x0))
                (i32x4.dot_i16x8_s (v128.load8x8_s offset=40 (local.get $p)) (local.get $x1)))
              (i32x4.add
                (i32x4.dot_i16x8_s (v128.load8x8_s offset=48 (local.get $p)) (local.get $x2))
                (i32x4.dot_i16x8_s (v128.load8x8_s offset=56 (local.get $p)) (local.get $x3)))))
          (local.set $a2
            (i32x4.add
              (i32x4.add
                (i32x4.dot_i16x8_s (v128.load8x8_s offset=64 (local.get $p)) (local.get $x0))
                (i32x4.dot_i16x8_s (v128.load8x8_s offset=72 (local.get $p)) (local.get $x1)))
              (i32x4.add
                (i32x4.dot_i16x8_s (v128.load8x8_s offset=80 (local.get $p)) (local.get $x2))
                (i32x4.dot_i16x8_s (v128.load8x8_s offset=88 (local.get $p)) (local.get $x3)))))
          (local.set $a3
            (i32x4.add
              (i32x4.add
                (i32x4.dot_i16x8_s (v128.load8x8_s offset=96 (local.get $p)) (local.get $x0))
                (i32x4.dot_i16x8_s (v128.load8x8_s offset=104 (local.get $p)) (local.get $x1)))
              (i32x4.add
                (i32x4.dot_i16x8_s (v128.load8x8_s offset=112 (local.get $p)) (local.get $x2))
                (i32x4.dot_i16x8_s (v128.load8x8_s offset=120 (local.get $p)) (local.get $x3)))))
          ;; [Σa0, Σa1, Σa2, Σa3]: the four rows' exact block sums
          (local.set $t0
            (i32x4.add
              (i8x16.shuffle 0 1 2 3 16 17 18 19 8 9 10 11 24 25 26 27 (local.get $a0) (local.get $a1))
              (i8x16.shuffle 4 5 6 7 20 21 22 23 12 13 14 15 28 29 30 31 (local.get $a0) (local.get $a1))))
          (local.set $t1
            (i32x4.add
              (i8x16.shuffle 0 1 2 3 16 17 18 19 8 9 10 11 24 25 26 27 (local.get $a2) (local.get $a3))
              (i8x16.shuffle 4 5 6 7 20 21 22 23 12 13 14 15 28 29 30 31 (local.get $a2) (local.get $a3))))
          (local.set $acc
            (f32x4.add (local.get $acc)
              (f32x4.mul
                (f32x4.convert_i32x4_s
                  (i32x4.add
                    (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t1))
                    (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t1))))
                (f32x4.mul (v128.load offset=128 (local.get $p)) (f32x4.splat (f32.load (local.get $sp)))))))
          (local.set $p (i32.add (local.get $p) (i32.const 144)))
          (local.set $xp (i32.add (local.get $xp) (i32.const 64)))
          (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
          (local.set $b (i32.sub (local.get $b) (i32.const 1)))
          (br_if $block (local.get $b)))
        (call $store (local.get $acc) (local.get $out) (local.get $bias) (local.get $r) (local.get $n) (local.get $g))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br_if $row (i32.lt_u (local.get $r) (local.get $m))))
      (local.set $gw (local.get $p))
      (local.set $g (i32.add (local.get $g) (i32.const 1)))
      (br_if $group (i32.lt_u (i32.shl (local.get $g) (i32.const 2)) (local.get $n)))))

  ;; matmul_q4(w, codes, scales, sums, out, bias, m, n, blocks): as matmul_q8 for 4-bit codes; the
  ;; stored nibbles are code + 8, so each block sum is Σ nibble · x − 8 · Σ x, the second term read
  ;; from sums.
  (func (export "matmul_q4")
    (param $w i32) (param $codes i32) (param $scales i32) (param $sums i32) (param $out i32) (param $bias i32)
    (param $m i32) (param $n i32) (param $blocks i32)
    (local $g i32) (local $r i32) (local $b i32) (local $gw i32)
    (local $p i32) (local $xp i32) (local $sp i32) (local $up i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128) (local $v v128) (local $m0 v128) (local $m1 v128) (local $m2 v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $t0 v128) (local $t1 v128) (local $acc v128)
    (local.set $m0 (v128.const i16x8 0x000f 0x000f 0x000f 0x000f 0x000f 0x000f 0x000f 0x000f))
    (local.set $m1 (v128.const i16x8 0x00f0 0x00f0 0x00f0 0x00f0 0x00f0 0x00f0 0x00f0 0x00f0))
    (local.set $m2 (v128.const i16x8 0x0f00 0x0f00 0x0f00 0x0f00 0x0f00 0x0f00 0x0f00 0x0f00))
    (local.set $gw (local.get $w))
    (loop $group
      (local.set $r (i32.const 0))
      (loop $row
        (local.set $p (local.get $gw))
        (local.set $xp (i32.add (local.get $codes) (i32.mul (local.get $r) (i32.shl (local.get $blocks) (i32.const 6)))))
        (local.set $sp (i32.add (local.get $scales) (i32.mul (local.get $r) (i32.shl (local.get $blocks) (i32.const 2)))))
        (local.set $up (i32.add (local.get $sums) (i32.mul (local.get $r) (i32.shl (local.get $blocks) (i32.const 2)))))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $b (local.get $blocks))
        (loop $block
          ;; the nibbles are taken in place, 1, 16, 256 and 1 times their value (the last by a
          ;; shift): x is scaled by 256, 16, 1 and 256 to match, so every product is 256 · n · x
          (local.set $x0 (i16x8.shl (v128.load offset=0 (local.get $xp)) (i32.const 8)))
          (local.set $x1 (i16x8.shl (v128.load offset=16 (local.get $xp)) (i32.const 4)))
          (local.set $x2 (v128.load offset=32 (local.get $xp)))
          (local.set $x3 (i16x8.shl (v128.load offset=48 (local.get $xp)) (i32.const 8)))
          (local.set $v (v128.load offset=0 (local.get $p)))
          (local.set $a0
            (i32x4.add
              (i32x4.add
                (i32x4.dot_i16x8_s (v128.and (local.get $v) (local.get $m0)) (local.get $x0))
                (i32x4.dot_i16x8_s (v128.and (local.get $v) (local.get $m1)) (local.get $x1)))
              (i32x4.add
                (i32x4.dot_i16x8_s (v128.and (local.get $v) (local.get $m2)) (local.get $x2))
                (i32x4.dot_i16x8_s (i16x8.shr_u (local.get $v) (i32.const 12)) (local.get $x3)))))
          (local.set $v (v128.load offset=16 (local.get $p)))
          (local.set $a1
            (i32x4.add
              (i32x4.add
                (i32x4.dot_i16x8_s (v128.and (local.get $v) (local.get $m0)) (local.get $x0))
                (i32x4.dot_i16x8_s (v128.and (local.get $v) (local.get $m1)) (local.get $x1)))
              (i32x4.add
                (i32x4.dot_i16x8_s (v128.and (local.get $v) (local.get $m2)) (local.get $x2))
                (i32x4.dot_i16x8_s (i16x8.shr_u (local.get $v) (i32.const 12)) (local.get $x3)))))
          (local.set $v (v128.load offset=32 (local.get $p)))
          (local.set $a2
            (i32x4.add
              (i32x4.add
                (i32x4.dot_i16x8_s (v128.and (local.get $v) (local.get $m0)) (local.get $x0))
                (i32x4.dot_i16x8_s (v128.and (local.get $v) (local.get $m1)) (local.get $x1)))
              (i32x4.add
                (i32x4.dot_i16x8_s (v128.and (local.get $v) (local.get $m2)) (local.get $x2))
                (i32x4.dot_i16x8_s (i16x8.shr_u (local.get $v) (i32.const 12)) (local.get $x3)))))
          (local.set $v (v128.load offset=48 (local.get $p)))
          (local.set $a3
            (i32x4.add
              (i32x4.add
                (i32x4.dot_i16x8_s (v128.and (local.get $v) (local.get $m0)) (local.get $x0))
                (i32x4.dot_i16x8_s (v128.and (local.get $v) (local.get $m1)) (local.get $x1)))
              (i32x4.add
                (i32x4.dot_i16x8_s (v128.and (local.get $v) (local.get $m2)) (local.get $x2))
                (i32x4.dot_i16x8_s (i16x8.shr_u (local.get $v) (i32.const 12)) (local.get $x3)))))
          (local.set $t0
            (i32x4.add
              (i8x16.shuffle 0 1 2 3 16 17 18 19 8 9 10 11 24 25 26 27 (local.get $a0) (local.get $a1))
              (i8x16.shuffle 4 5 6 7 20 21 22 23 12 13 14 15 28 29 30 31 (local.get $a0) (local.get $a1))))
          (local.set $t1
            (i32x4.add
              (i8x16.shuffle 0 1 2 3 16 17 18 19 8 9 10 11 24 25 26 27 (local.get $a2) (local.get $a3))
              (i8x16.shuffle 4 5 6 7 20 21 22 23 12 13 14 15 28 29 30 31 (local.get $a2) (local.get $a3))))
          (local.set $acc
            (f32x4.add (local.get $acc)
              (f32x4.mul
                (f32x4.convert_i32x4_s
                  (i32x4.sub
                    (i32x4.add
                      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t1))
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t1)))
                    (i32x4.splat (i32.shl (i32.load (local.get $up)) (i32.const 8)))))
                (f32x4.mul (v128.load offset=64 (local.get $p))
                  (f32x4.splat (f32.mul (f32.load (local.get $sp)) (f32.const 0x1p-8)))))))
          (local.set $p (i32.add (local.get $p) (i32.const 80)))
          (local.set $xp (i32.add (local.get $xp) (i32.const 64)))
          (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
          (local.set $up (i32.add (local.get $up) (i32.const 4)))
          (local.set $b (i32.sub (local.get $b) (i32.const 1)))
          (br_if $block (local.get $b)))
        (call $store (local.get $acc) (local.get $out) (local.get $bias) (local.get $r) (local.get $n) (local.get $g))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br_if $row (i32.lt_u (local.get $r) (local.get $m))))
      (local.set $gw (local.get $p))
      (local.set $g (i32.add (local.get $g) (i32.const 1)))
      (br_if $group (i32.lt_u (i32.shl (local.get $g) (i32.const 2)) (local.get $n)))))

  ;; Adds the bias (when bias ≠ 0) to the four outputs of group g in row r and stores those of them
  ;; that exist (columns 4g .. min(4g + 4, n) - 1) at out[r, 4g ..].
  (func $store (param $acc v128) (param $out i32) (param $bias i32) (param $r i32) (param $n i32) (param $g i32)
    (local $o i32) (local $rem i32)
    (if (local.get $bias)
      (then
        (local.set $acc
          (f32x4.add (local.get $acc) (v128.load (i32.add (local.get $bias) (i32.shl (local.get $g) (i32.const 4))))))))
    (local.set $o
      (i32.add (local.get $out)
        (i32.shl (i32.add (i32.mul (local.get $r) (local.get $n)) (i32.shl (local.get $g) (i32.const 2))) (i32.const 2))))
    (local.set $rem (i32.sub (local.get $n) (i32.shl (local.get $g) (i32.const 2))))
    (if (i32.ge_u (local.get $rem) (i32.const 4))
      (then (v128.store (local.get $o) (local.get $acc)))
      (else
        (v128.store32_lane 0 (local.get $o) (local.get $acc))
        (if (i32.gt_u (local.get $rem) (i32.const 1))
          (then (v128.store32_lane offset=4 1 (local.get $o) (local.get $acc))))
        (if (i32.gt_u (local.get $rem) (i32.const 2))
          (then (v128.store32_lane offset=8 2 (local.get $o) (local.get $acc)))))))
)
