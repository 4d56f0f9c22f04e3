;; Skip-gram negative-sampling kernel in WebAssembly SIMD128: the same algorithm, generator and
;; tables as `sgnsTrainSentences` (sgns-kernel.ts), with the vector loops four float32 lanes
;; at a time (the dot product accumulates in float32 lanes, so results differ from the JavaScript
;; kernel in the last bits). Memory is imported, so worker threads can share one (Hogwild).
;;
;; All pointers are byte offsets into memory. `state` holds: +0 i32 generator state, +8 f64 loss
;; sum, +16 f64 pairs, +24 f64 centre words kept (all accumulated). `dim` must be a multiple of 4.
(module
  (import "env" "memory" (memory 1 65536 shared))
  ;; log(1 + exp(x)), for |f| beyond the table (rare).
  (import "env" "log1pexp" (func $log1pexp (param f64) (result f64)))
  (func (export "train")
    (param $syn0 i32) (param $syn1 i32) (param $dim i32) (param $ids i32) (param $starts i32)
    (param $from i32) (param $to i32) (param $keep i32) (param $table i32) (param $tableMask i32)
    (param $window i32) (param $negative i32) (param $alpha f32) (param $sig i32) (param $logsig i32)
    (param $scale f32) (param $buffer i32) (param $work i32) (param $state i32)
    (local $rng i32) (local $loss f64) (local $pairs f64) (local $centres f64)
    (local $s i32) (local $i i32) (local $end i32) (local $n i32) (local $word i32)
    (local $pos i32) (local $centre i32) (local $lo i32) (local $hi i32) (local $c i32)
    (local $l1 i32) (local $l2 i32) (local $d i32) (local $target i32) (local $label f32)
    (local $f f32) (local $acc v128) (local $k i32) (local $bytes i32) (local $sigma f32)
    (local $logsigma f64) (local $g v128) (local $out v128) (local $cell i32)

    (local.set $bytes (i32.shl (local.get $dim) (i32.const 2)))
    (local.set $rng (i32.load (local.get $state)))
    (if (i32.eqz (local.get $rng)) (then (local.set $rng (i32.const 1))))
    (local.set $s (local.get $from))
    (block $sentencesDone
      (loop $sentences
        (br_if $sentencesDone (i32.ge_s (local.get $s) (local.get $to)))
        ;; Subsample sentence s into buffer.
        (local.set $n (i32.const 0))
        (local.set $i (i32.load (i32.add (local.get $starts) (i32.shl (local.get $s) (i32.const 2)))))
        (local.set $end (i32.load (i32.add (local.get $starts) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2)))))
        (block $subDone
          (loop $sub
            (br_if $subDone (i32.ge_s (local.get $i) (local.get $end)))
            (local.set $word (i32.load (i32.add (local.get $ids) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $rng (i32.xor (local.get $rng) (i32.shl (local.get $rng) (i32.const 13))))
            (local.set $rng (i32.xor (local.get $rng) (i32.shr_u (local.get $rng) (i32.const 17))))
            (local.set $rng (i32.xor (local.get $rng) (i32.shl (local.get $rng) (i32.const 5))))
            (if (f64.lt (f64.convert_i32_u (local.get $rng))
                        (f64.load (i32.add (local.get $keep) (i32.shl (local.get $word) (i32.const 3)))))
              (then
                (i32.store (i32.add (local.get $buffer) (i32.shl (local.get $n) (i32.const 2))) (local.get $word))
                (local.set $n (i32.add (local.get $n) (i32.const 1)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $sub)))
        (local.set $centres (f64.add (local.get $centres) (f64.convert_i32_s (local.get $n))))
        ;; Every centre position.
        (local.set $pos (i32.const 0))
        (block $posDone
          (loop $positions
            (br_if $posDone (i32.ge_s (local.get $pos) (local.get $n)))
            (local.set $centre (i32.load (i32.add (local.get $buffer) (i32.shl (local.get $pos) (i32.const 2)))))
            (local.set $rng (i32.xor (local.get $rng) (i32.shl (local.get $rng) (i32.const 13))))
            (local.set $rng (i32.xor (local.get $rng) (i32.shr_u (local.get $rng) (i32.const 17))))
            (local.set $rng (i32.xor (local.get $rng) (i32.shl (local.get $rng) (i32.const 5))))
            ;; lo = max(0, pos - window + reduced), hi = min(n, pos + window + 1 - reduced)
            (local.set $k (i32.rem_u (local.get $rng) (local.get $window)))
            (local.set $lo (i32.add (i32.sub (local.get $pos) (local.get $window)) (local.get $k)))
            (if (i32.lt_s (local.get $lo) (i32.const 0)) (then (local.set $lo (i32.const 0))))
            (local.set $hi (i32.sub (i32.add (i32.add (local.get $pos) (local.get $window)) (i32.const 1)) (local.get $k)))
            (if (i32.gt_s (local.get $hi) (local.get $n)) (then (local.set $hi (local.get $n))))
            (local.set $c (local.get $lo))
            (block $ctxDone
              (loop $contexts
                (br_if $ctxDone (i32.ge_s (local.get $c) (local.get $hi)))
                (if (i32.ne (local.get $c) (local.get $pos))
                  (then
                    (local.set $l1 (i32.add (local.get $syn0)
                      (i32.mul (i32.load (i32.add (local.get $buffer) (i32.shl (local.get $c) (i32.const 2)))) (local.get $bytes))))
                    ;; work = 0
                    (local.set $k (i32.const 0))
                    (block $zDone (loop $z
                      (br_if $zDone (i32.ge_s (local.get $k) (local.get $bytes)))
                      (v128.store (i32.add (local.get $work) (local.get $k)) (v128.const i32x4 0 0 0 0))
                      (local.set $k (i32.add (local.get $k) (i32.const 16)))
                      (br $z)))
                    (local.set $d (i32.const 0))
                    (block $samplesDone
                      (loop $samples
                        (br_if $samplesDone (i32.gt_s (local.get $d) (local.get $negative)))
                        (block $skip
                          (if (i32.eqz (local.get $d))
                            (then
                              (local.set $target (local.get $centre))
                              (local.set $label (f32.const 1)))
                            (else
                              (local.set $rng (i32.xor (local.get $rng) (i32.shl (local.get $rng) (i32.const 13))))
                              (local.set $rng (i32.xor (local.get $rng) (i32.shr_u (local.get $rng) (i32.const 17))))
                              (local.set $rng (i32.xor (local.get $rng) (i32.shl (local.get $rng) (i32.const 5))))
                              (local.set $target (i32.load (i32.add (local.get $table)
                                (i32.shl (i32.and (local.get $rng) (local.get $tableMask)) (i32.const 2)))))
                              (br_if $skip (i32.eq (local.get $target) (local.get $centre)))
                              (local.set $label (f32.const 0))))
                          (local.set $l2 (i32.add (local.get $syn1) (i32.mul (local.get $target) (local.get $bytes))))
                          ;; f = syn0[l1] · syn1[l2]
                          (local.set $acc (v128.const i32x4 0 0 0 0))
                          (local.set $k (i32.const 0))
                          (block $dotDone (loop $dot
                            (br_if $dotDone (i32.ge_s (local.get $k) (local.get $bytes)))
                            (local.set $acc (f32x4.add (local.get $acc)
                              (f32x4.mul (v128.load (i32.add (local.get $l1) (local.get $k)))
                                         (v128.load (i32.add (local.get $l2) (local.get $k))))))
                            (local.set $k (i32.add (local.get $k) (i32.const 16)))
                            (br $dot)))
                          (local.set $f (f32.add
                            (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
                            (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
                          (if (f32.ge (local.get $f) (f32.const 6))
                            (then
                              (local.set $sigma (f32.const 1))
                              (local.set $logsigma (f64.neg (call $log1pexp (f64.neg (f64.promote_f32 (local.get $f)))))))
                            (else
                              (if (f32.le (local.get $f) (f32.const -6))
                                (then
                                  (local.set $sigma (f32.const 0))
                                  (local.set $logsigma (f64.sub (f64.promote_f32 (local.get $f))
                                    (call $log1pexp (f64.promote_f32 (local.get $f))))))
                                (else
                                  (local.set $cell (i32.trunc_f32_s (f32.mul (f32.add (local.get $f) (f32.const 6)) (local.get $scale))))
                                  (local.set $sigma (f32.demote_f64 (f64.load (i32.add (local.get $sig) (i32.shl (local.get $cell) (i32.const 3))))))
                                  (local.set $logsigma (f64.load (i32.add (local.get $logsig) (i32.shl (local.get $cell) (i32.const 3)))))))))
                          (if (f32.eq (local.get $label) (f32.const 1))
                            (then (local.set $loss (f64.sub (local.get $loss) (local.get $logsigma))))
                            (else (local.set $loss (f64.sub (local.get $loss)
                              (f64.sub (local.get $logsigma) (f64.promote_f32 (local.get $f)))))))
                          (local.set $g (f32x4.splat (f32.mul (f32.sub (local.get $label) (local.get $sigma)) (local.get $alpha))))
                          ;; work += g * syn1[l2]; syn1[l2] += g * syn0[l1]
                          (local.set $k (i32.const 0))
                          (block $updDone (loop $upd
                            (br_if $updDone (i32.ge_s (local.get $k) (local.get $bytes)))
                            (local.set $out (v128.load (i32.add (local.get $l2) (local.get $k))))
                            (v128.store (i32.add (local.get $work) (local.get $k))
                              (f32x4.add (v128.load (i32.add (local.get $work) (local.get $k)))
                                         (f32x4.mul (local.get $g) (local.get $out))))
                            (v128.store (i32.add (local.get $l2) (local.get $k))
                              (f32x4.add (local.get $out)
                                         (f32x4.mul (local.get $g) (v128.load (i32.add (local.get $l1) (local.get $k))))))
                            (local.set $k (i32.add (local.get $k) (i32.const 16)))
                            (br $upd))))
                        (local.set $d (i32.add (local.get $d) (i32.const 1)))
                        (br $samples)))
                    ;; syn0[l1] += work
                    (local.set $k (i32.const 0))
                    (block $addDone (loop $add
                      (br_if $addDone (i32.ge_s (local.get $k) (local.get $bytes)))
                      (v128.store (i32.add (local.get $l1) (local.get $k))
                        (f32x4.add (v128.load (i32.add (local.get $l1) (local.get $k)))
                                   (v128.load (i32.add (local.get $work) (local.get $k)))))
                      (local.set $k (i32.add (local.get $k) (i32.const 16)))
                      (br $add)))
                    (local.set $pairs (f64.add (local.get $pairs) (f64.const 1)))))
                (local.set $c (i32.add (local.get $c) (i32.const 1)))
                (br $contexts)))
            (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
            (br $positions)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $sentences)))
    (i32.store (local.get $state) (local.get $rng))
    (f64.store offset=8 (local.get $state) (f64.add (f64.load offset=8 (local.get $state)) (local.get $loss)))
    (f64.store offset=16 (local.get $state) (f64.add (f64.load offset=16 (local.get $state)) (local.get $pairs)))
    (f64.store offset=24 (local.get $state) (f64.add (f64.load offset=24 (local.get $state)) (local.get $centres)))))
