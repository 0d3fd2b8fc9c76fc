//! Pan and zoom: the arithmetic of the canvas's view, pure and tested natively.

/// Pan and zoom of the canvas: canvas point (x, y) is drawn at the top-left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// Canvas x at the left edge.
    pub x: f64,
    /// Canvas y at the top edge.
    pub y: f64,
    /// Screen pixels per canvas unit.
    pub zoom: f64,
}

impl Default for View {
    fn default() -> Self {
        View {
            x: 0.0,
            y: 0.0,
            zoom: 1.0,
        }
    }
}

/// The least and the most zoom.
pub const ZOOM: (f64, f64) = (0.1, 4.0);
/// The most a fit enlarges: a small diagram is not blown up to fill a large canvas.
pub const FIT_MAX: f64 = 1.5;
/// The least zoom at which a box's text is readable (its 14 px label shows at 11 px).
pub const READABLE: f64 = 0.8;
/// The widest canvas that [`View::first`] treats as a phone's.
const PHONE_CANVAS: f64 = 600.0;
/// The margin a fit leaves around the diagram, in pixels.
const FIT_PAD: f64 = 40.0;

impl View {
    /// The same view with its zoom within [`ZOOM`].
    pub fn clamped(self) -> View {
        View {
            zoom: self.zoom.clamp(ZOOM.0, ZOOM.1),
            ..self
        }
    }

    /// The canvas point drawn at pixel (px, py) from the canvas's top-left corner.
    pub fn to_canvas(&self, px: f64, py: f64) -> (f64, f64) {
        (px / self.zoom + self.x, py / self.zoom + self.y)
    }

    /// Zoomed by `factor`, keeping the canvas point under pixel (px, py) where it is.
    pub fn zoom_at(&self, factor: f64, px: f64, py: f64) -> View {
        let zoom = (self.zoom * factor).clamp(ZOOM.0, ZOOM.1);
        let (ax, ay) = self.to_canvas(px, py);
        View {
            zoom,
            x: ax - px / zoom,
            y: ay - py / zoom,
        }
    }

    /// This view (as a pan started) after the pointer moved (dx, dy) pixels.
    pub fn panned(&self, dx: f64, dy: f64) -> View {
        View {
            x: self.x - dx / self.zoom,
            y: self.y - dy / self.zoom,
            zoom: self.zoom,
        }
    }

    /// The view that shows `bounds` (x, y, width, height in canvas units) centred in a canvas
    /// of `w` × `h` pixels, at most at [`FIT_MAX`]; the default view when there is nothing.
    pub fn fit(bounds: Option<(f32, f32, f32, f32)>, w: f64, h: f64) -> View {
        let Some((x, y, bw, bh)) = bounds else {
            return View::default();
        };
        let (bw, bh) = (f64::from(bw).max(1.0), f64::from(bh).max(1.0));
        let zoom = ((w - 2.0 * FIT_PAD) / bw)
            .min((h - 2.0 * FIT_PAD) / bh)
            .clamp(ZOOM.0, FIT_MAX);
        View {
            zoom,
            x: f64::from(x) - (w / zoom - bw) / 2.0,
            y: f64::from(y) - (h / zoom - bh) / 2.0,
        }
    }

    /// The view that brings `bounds` (canvas units) into a canvas area of `w` × `h` pixels:
    /// `None` when it is inside already, with [`FIT_PAD`] pixels to spare; else centred, at
    /// this zoom when it fits, or zoomed out until it does (at most to the least zoom). On a
    /// phone's canvas it is never zoomed out below [`READABLE`] (or this zoom, if less): what
    /// does not fit then is shown from its left or top edge, where a route begins.
    pub fn framing(&self, bounds: (f64, f64, f64, f64), w: f64, h: f64) -> Option<View> {
        let (x, y, bw, bh) = bounds;
        let pad = FIT_PAD / self.zoom;
        let inside = x - pad >= self.x
            && y - pad >= self.y
            && x + bw + pad <= self.x + w / self.zoom
            && y + bh + pad <= self.y + h / self.zoom;
        if inside {
            return None;
        }
        let floor = if w <= PHONE_CANVAS {
            READABLE.min(self.zoom)
        } else {
            ZOOM.0
        };
        let zoom = self
            .zoom
            .min((w - 2.0 * FIT_PAD) / bw.max(1.0))
            .min((h - 2.0 * FIT_PAD) / bh.max(1.0))
            .max(floor)
            .max(ZOOM.0);
        // Centred when it fits, else from its start.
        let place = |start: f64, size: f64, extent: f64| {
            if size * zoom + 2.0 * FIT_PAD <= extent {
                start + size / 2.0 - extent / zoom / 2.0
            } else {
                start - FIT_PAD.min(extent / 16.0) / zoom
            }
        };
        Some(View {
            zoom,
            x: place(x, bw, w),
            y: place(y, bh, h),
        })
    }

    /// The first view of a scenario: the whole diagram as [`View::fit`] shows it, unless that
    /// would make its text too small to read on a phone's canvas (at most 600 px wide). Then it is shown at
    /// [`READABLE`] from its left edge, where its routes begin (customers are drawn on the
    /// left), and centred vertically if it fits, else from its top; the rest is a pan away, and
    /// "Fit" shows it whole.
    pub fn first(bounds: Option<(f32, f32, f32, f32)>, w: f64, h: f64) -> View {
        let fit = View::fit(bounds, w, h);
        let Some((x, y, _, bh)) = bounds else {
            return fit;
        };
        // A wide canvas shows a large diagram whole, as an overview (and as the drag benchmark
        // measures it); a phone shows a readable part of it.
        if fit.zoom >= READABLE || w > PHONE_CANVAS {
            return fit;
        }
        let zoom = READABLE;
        let pad = FIT_PAD.min(w / 16.0) / zoom;
        let bh = f64::from(bh);
        let top = if bh * zoom + 2.0 * FIT_PAD <= h {
            f64::from(y) - (h / zoom - bh) / 2.0
        } else {
            f64::from(y) - pad
        };
        View {
            zoom,
            x: f64::from(x) - pad,
            y: top,
        }
    }
}

/// How much a wheel turn of `delta_y` pixels zooms (down zooms out): about e^(−0.0015·Δ), as
/// its Padé form (1 + x) / (1 − x) with x = −0.00075·Δ, which needs no `exp` in the wasm (libm's
/// costs about 0.7 KB) and is exactly symmetric: a turn and its reverse cancel. A turn beyond
/// 600 px zooms as 600 px do.
pub fn wheel_factor(delta_y: f64) -> f64 {
    let x = (-delta_y * 0.00075).clamp(-0.45, 0.45);
    (1.0 + x) / (1.0 - x)
}

/// How much a pinch zooms when one touch moves from `before` to `now` and the other stays at
/// `other`: the ratio of the distances, `None` when the fingers started too close to tell.
pub fn pinch_factor(before: (f64, f64), now: (f64, f64), other: (f64, f64)) -> Option<f64> {
    let dist = |a: (f64, f64)| ((a.0 - other.0).powi(2) + (a.1 - other.1).powi(2)).sqrt();
    let d0 = dist(before);
    (d0 > 1.0).then(|| dist(now) / d0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn close(a: (f64, f64), b: (f64, f64)) {
        assert!(
            (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9,
            "{a:?} is not {b:?}"
        );
    }

    #[test]
    fn the_first_view_is_the_fit_when_the_fit_is_readable_or_the_canvas_wide() {
        // 886 × 330 canvas units in a 1000 × 600 canvas fit at (1000 − 80) / 886 ≈ 1.04.
        let b = Some((10.0, 20.0, 886.0, 330.0));
        assert_eq!(View::first(b, 1000.0, 600.0), View::fit(b, 1000.0, 600.0));
        // 500 generated components on a desktop canvas: the whole, small, as an overview.
        let big = Some((0.0, 0.0, 1200.0, 6000.0));
        assert!(View::fit(big, 860.0, 677.0).zoom < 0.15);
        assert_eq!(View::first(big, 860.0, 677.0), View::fit(big, 860.0, 677.0));
        assert_eq!(View::first(None, 390.0, 500.0), View::default());
    }

    #[test]
    fn on_a_phone_the_first_view_is_readable_and_starts_at_the_left() {
        // The same diagram in a 390 × 506 phone canvas would fit at about 0.35: text of 5 px.
        let b = Some((10.0, 20.0, 886.0, 330.0));
        assert!(View::fit(b, 390.0, 506.0).zoom < 0.4);
        let v = View::first(b, 390.0, 506.0);
        assert_eq!(v.zoom, READABLE);
        // The left edge of the diagram is about 24 px in (390 / 16), its middle row mid-height.
        let (px, _) = ((10.0 - v.x) * v.zoom, 0.0);
        assert!((px - 24.375).abs() < 1e-9, "{px}");
        let mid = (20.0 + 165.0 - v.y) * v.zoom;
        assert!((mid - 253.0).abs() < 1e-9, "{mid}");
        // A diagram taller than the canvas starts from its top, not its middle.
        let tall = View::first(Some((10.0, 20.0, 886.0, 2000.0)), 390.0, 506.0);
        assert!(((20.0 - tall.y) * tall.zoom - 24.375).abs() < 1e-9);
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer() {
        let v = View {
            x: 100.0,
            y: -50.0,
            zoom: 0.5,
        };
        // Pixel (200, 100) shows canvas (500, 150) before and after.
        close(v.to_canvas(200.0, 100.0), (500.0, 150.0));
        let z = v.zoom_at(2.0, 200.0, 100.0);
        assert_eq!(z.zoom, 1.0);
        close(z.to_canvas(200.0, 100.0), (500.0, 150.0));
        // Zoom stops at its limits, still about the pointer.
        let far = v.zoom_at(1000.0, 200.0, 100.0);
        assert_eq!(far.zoom, ZOOM.1);
        close(far.to_canvas(200.0, 100.0), (500.0, 150.0));
        assert_eq!(v.zoom_at(0.0001, 0.0, 0.0).zoom, ZOOM.0);
    }

    #[test]
    fn panning_moves_the_canvas_with_the_pointer() {
        let v = View {
            x: 10.0,
            y: 20.0,
            zoom: 2.0,
        };
        // Dragging 40 px right at zoom 2 shows what was 20 canvas units to the left.
        let p = v.panned(40.0, -10.0);
        assert_eq!((p.x, p.y, p.zoom), (-10.0, 25.0, 2.0));
    }

    #[test]
    fn fit_centres_the_diagram_and_never_blows_up_a_small_one() {
        // 800 × 400 units in 1000 × 600 px: (1000 - 80) / 800 = 1.15 wide, 520 / 400 = 1.3 tall.
        let v = View::fit(Some((0.0, 0.0, 800.0, 400.0)), 1000.0, 600.0);
        assert!((v.zoom - 1.15).abs() < 1e-9);
        close(v.to_canvas(500.0, 300.0), (400.0, 200.0));
        // One box in a large canvas: at most 1.5, centred.
        let small = View::fit(Some((100.0, 100.0, 168.0, 64.0)), 1280.0, 800.0);
        assert_eq!(small.zoom, FIT_MAX);
        close(small.to_canvas(640.0, 400.0), (184.0, 132.0));
        // A huge diagram stops at the least zoom; nothing to fit is the default view.
        assert_eq!(
            View::fit(Some((0.0, 0.0, 1e6, 1e6)), 800.0, 600.0).zoom,
            ZOOM.0
        );
        assert_eq!(View::fit(None, 800.0, 600.0), View::default());
    }

    // Worked by hand.
    #[test]
    fn framing_moves_only_for_what_is_out_of_sight_and_zooms_out_only_to_fit() {
        let v = View {
            x: 0.0,
            y: 0.0,
            zoom: 1.0,
        };
        // In a 1000 × 600 area, a route at (100, 100) 600 × 64 is inside, 40 px to spare.
        assert_eq!(v.framing((100.0, 100.0, 600.0, 64.0), 1000.0, 600.0), None);
        // 30 px from the right edge is too close: centred at the same zoom.
        let near = v
            .framing((100.0, 100.0, 870.0, 64.0), 1000.0, 600.0)
            .unwrap();
        assert_eq!(near.zoom, 1.0);
        close(near.to_canvas(500.0, 300.0), (535.0, 132.0));
        // A route 1000 wide on a 1000 × 500 desktop area: zoomed out to (1000 - 80) / 1000.
        let wide = v.framing((0.0, 0.0, 1000.0, 64.0), 1000.0, 500.0).unwrap();
        assert!((wide.zoom - 0.92).abs() < 1e-9, "{}", wide.zoom);
        close(wide.to_canvas(500.0, 250.0), (500.0, 32.0));
        // On a 390 × 500 phone area it would take 0.31, too small to read: it stays at 0.8,
        // its start 390 / 16 = 24.375 px from the left edge, centred vertically.
        let phone = v.framing((0.0, 0.0, 1000.0, 64.0), 390.0, 500.0).unwrap();
        assert_eq!(phone.zoom, READABLE);
        close(phone.to_canvas(24.375, 250.0), (0.0, 32.0));
        // A phone zoomed out further already keeps its zoom.
        let out = View { zoom: 0.5, ..v };
        let phone = out.framing((0.0, 0.0, 1000.0, 64.0), 390.0, 500.0).unwrap();
        assert_eq!(phone.zoom, 0.5);
        // Never zoomed in, and never below the least zoom.
        let far = View { zoom: 0.5, ..v };
        assert_eq!(
            far.framing((5000.0, 0.0, 100.0, 64.0), 1000.0, 600.0)
                .unwrap()
                .zoom,
            0.5
        );
        assert_eq!(
            v.framing((0.0, 0.0, 1e6, 64.0), 1000.0, 600.0)
                .unwrap()
                .zoom,
            ZOOM.0
        );
    }

    #[test]
    fn wheel_and_pinch_factors() {
        assert_eq!(wheel_factor(0.0), 1.0);
        assert!(wheel_factor(100.0) < 1.0 && wheel_factor(-100.0) > 1.0);
        assert!((wheel_factor(100.0) * wheel_factor(-100.0) - 1.0).abs() < 1e-12);
        // Fingers 100 px apart move to 200 px apart: twice the zoom.
        assert_eq!(
            pinch_factor((100.0, 0.0), (200.0, 0.0), (0.0, 0.0)),
            Some(2.0)
        );
        // Fingers on top of each other cannot say how far they moved.
        assert_eq!(pinch_factor((0.5, 0.0), (200.0, 0.0), (0.0, 0.0)), None);
    }
}
